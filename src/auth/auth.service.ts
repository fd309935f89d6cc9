import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from '../audit/audit.service';
import { authConfig, AuthConfig } from '../config/auth.config';
import { UsersService } from '../users/users.service';
import { TokenPayload } from './auth.guard';
import { LoginDto, LoginResponseDto } from './dto/login.dto';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  async login(dto: LoginDto): Promise<LoginResponseDto> {
    const checked = await this.users.checkCredentials(dto.email, dto.password);
    if (!checked) {
      await this.audit.recordAlone(null, {
        action: 'auth.login',
        entityType: 'user',
        outcome: 'denied',
        details: { email: dto.email.toLowerCase() },
      });
      throw new UnauthorizedException('E-mail or password is wrong, or the account is inactive');
    }
    const { actor, tokenVersion } = checked;
    const payload: TokenPayload = { sub: actor.id, tv: tokenVersion };
    await this.audit.recordAlone(actor, { action: 'auth.login', entityType: 'user', entityId: actor.id });
    return {
      accessToken: await this.jwt.signAsync(payload),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtExpiresIn,
    };
  }
}
