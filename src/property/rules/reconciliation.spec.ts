import { outstandingProperty, PropertyState } from './reconciliation';

const base = (): PropertyState => ({
  items: [{ description: 'Phone', status: 'returned', claimReference: null }],
  cash: [{ currency: 'MXN', balanceMinor: 0 }],
  receipts: [
    { number: 'RC-A-2026-000001', type: 'intake', acknowledged: true, claimReferences: [] },
    { number: 'RC-A-2026-000002', type: 'return', acknowledged: true, claimReferences: [] },
  ],
  claimReferences: [],
});

describe('reconciliation at exit', () => {
  it('passes when everything is returned and acknowledged', () => {
    expect(outstandingProperty(base(), 'RELEASE')).toEqual([]);
  });

  it('passes with nothing ever taken', () => {
    expect(
      outstandingProperty({ items: [], cash: [], receipts: [], claimReferences: [] }, 'RELEASE'),
    ).toEqual([]);
  });

  it('names items still held, cash still held and receipts not acknowledged', () => {
    const s = base();
    s.items.push({ description: 'Ring', status: 'held', claimReference: null });
    s.cash.push({ currency: 'MXN', balanceMinor: 5000 });
    s.receipts[1].acknowledged = false;
    expect(outstandingProperty(s, 'RELEASE')).toEqual([
      'item "Ring" not returned',
      'cash 50.00 MXN still held',
      'receipt RC-A-2026-000002 not acknowledged',
      'no acknowledged return receipt',
    ]);
  });

  it('lets a lost item pass once its claim is on an acknowledged return receipt', () => {
    const s = base();
    s.items.push({ description: 'Watch', status: 'lost', claimReference: 'CL-A-2026-000001' });
    s.claimReferences = ['CL-A-2026-000001'];
    expect(outstandingProperty(s, 'RELEASE')).toEqual([
      'claim CL-A-2026-000001 not yet given to the person on an acknowledged return receipt',
    ]);
    s.receipts[1].claimReferences = ['CL-A-2026-000001'];
    expect(outstandingProperty(s, 'RELEASE')).toEqual([]);
  });

  it('needs no return receipt when nothing went back (seized, disposed, cash spent)', () => {
    const s: PropertyState = {
      items: [{ description: 'Knife', status: 'seized', claimReference: null }],
      cash: [{ currency: 'USD', balanceMinor: 0 }],
      receipts: [{ number: 'RC-A-2026-000001', type: 'intake', acknowledged: true, claimReferences: [] }],
      claimReferences: [],
    };
    expect(outstandingProperty(s, 'RELEASE')).toEqual([]);
    s.items.push({ description: 'Cap', status: 'returned', claimReference: null });
    expect(outstandingProperty(s, 'RELEASE')).toEqual(['no acknowledged return receipt']);
  });

  it('accepts seized and disposed items, and for transfer wants items handed over', () => {
    const s = base();
    s.items = [
      { description: 'Knife', status: 'seized', claimReference: null },
      { description: 'Fruit', status: 'disposed', claimReference: null },
      { description: 'Bag', status: 'held', claimReference: null },
    ];
    s.receipts[1].type = 'transfer';
    expect(outstandingProperty(s, 'TRANSFER_OUT')).toEqual(['item "Bag" not handed over']);
  });

  it('for a transfer, an item given back to the person during the stay is done', () => {
    const s = base();
    s.items = [
      { description: 'Cap', status: 'returned', claimReference: null },
      { description: 'Bag', status: 'handed_over', claimReference: null },
    ];
    s.receipts.push({
      number: 'RC-A-2026-000003',
      type: 'transfer',
      acknowledged: true,
      claimReferences: [],
    });
    expect(outstandingProperty(s, 'TRANSFER_OUT')).toEqual([]);
  });

  it('at release, names what was handed over for a transfer and not taken back', () => {
    const s = base();
    s.items.push({ description: 'Ring', status: 'handed_over', claimReference: null });
    s.cashInTransit = [{ currency: 'USD', amountMinor: 12000 }];
    expect(outstandingProperty(s, 'RELEASE')).toEqual([
      'item "Ring" not returned (handed over for a transfer, not taken back)',
      'cash 120.00 USD handed over for a transfer, not taken back',
    ]);
  });

  it('blocks every exit while what was handed over to this centre has not been received', () => {
    const s: PropertyState = {
      items: [],
      cash: [],
      receipts: [],
      claimReferences: [],
      awaitingArrival: { items: ['Phone'], cash: [{ currency: 'USD', amountMinor: 5000 }] },
    };
    const expected = [
      'item "Phone" handed over to this centre, not yet received',
      'cash 50.00 USD handed over to this centre, not yet received',
    ];
    expect(outstandingProperty(s, 'RELEASE')).toEqual(expected);
    expect(outstandingProperty(s, 'TRANSFER_OUT', 'C')).toEqual(expected);
  });

  it('for a transfer, wants the property handed to the receiving centre', () => {
    const s: PropertyState = {
      items: [{ description: 'Bag', status: 'handed_over', claimReference: null }],
      cash: [],
      receipts: [
        {
          number: 'RC-A-2026-000009',
          type: 'transfer',
          acknowledged: true,
          claimReferences: [],
          receivingCentreId: 'B',
        },
      ],
      claimReferences: [],
    };
    expect(outstandingProperty(s, 'TRANSFER_OUT', 'B')).toEqual([]);
    expect(outstandingProperty(s, 'TRANSFER_OUT', 'C')).toEqual([
      'transfer receipt RC-A-2026-000009 hands the property to another centre',
    ]);
  });

  it('a transfer receipt of claims alone hands nothing to its centre: a transfer elsewhere may go ahead', () => {
    const s: PropertyState = {
      items: [{ description: 'Phone', status: 'lost', claimReference: 'CL-A-2026-000001' }],
      cash: [],
      receipts: [
        {
          number: 'RC-A-2026-000010',
          type: 'transfer',
          acknowledged: true,
          claimReferences: ['CL-A-2026-000001'],
          receivingCentreId: 'B',
          handsOver: false,
        },
      ],
      claimReferences: ['CL-A-2026-000001'],
    };
    expect(outstandingProperty(s, 'TRANSFER_OUT', 'C')).toEqual([]);
  });
});
