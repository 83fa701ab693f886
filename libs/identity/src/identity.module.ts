import { DynamicModule, Module, Provider } from '@nestjs/common';
import { ApiKeyDirectory, TenantProfiles, UserDirectory } from '@workbay/platform';
import { ApiKeyStore } from './api-keys/api-key-store';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysResolver } from './api-keys/api-keys.resolver';
import { ApiKeysService } from './api-keys/api-keys.service';
import { Accounts } from './auth/accounts';
import { PasswordHashing } from './auth/password-hashing';
import { AuthController } from './auth/auth.controller';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { EmailVerificationModule } from './auth/email-verification.module';
import { LoginThrottle } from './auth/login-throttle';
import { PublicCommandKeys } from './auth/public-command-keys';
import { TenantProfileStore } from './tenancy/tenant-profile';
import { TenantBySlugHandler, TenantSlugs } from './tenancy/tenant-slugs';
import { UserDirectoryStore } from './users/user-directory';
import { UsersController } from './users/users.controller';
import { UsersResolver } from './users/users.resolver';
import { UsersService } from './users/users.service';
import { HomeLocationCheck } from './users/work-locations';

/** The kernel's identity ports, answered from identity's tables. */
const ports: Provider[] = [
  { provide: UserDirectory, useClass: UserDirectoryStore },
  { provide: TenantProfiles, useClass: TenantProfileStore },
  TenantSlugs, TenantBySlugHandler,
];
const exported = [UserDirectory, TenantProfiles];

/**
 * Tenants, signup, login, accounts, users, roles, invitations and API keys. Global so the kernel's JWT
 * strategy and every context find the ports it provides. The API gets the auth and users
 * endpoints; the worker only the ports (process managers assign work to users).
 */
@Module({})
export class IdentityModule {
  static forApi(): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [EmailVerificationModule.forApi()],
      controllers: [AuthController, UsersController, ApiKeysController],
      providers: [
        ...ports,
        // The kernel's API-key authentication asks it; only the API authenticates requests.
        { provide: ApiKeyDirectory, useClass: ApiKeyStore },
        AuthService, LoginThrottle, Accounts, PasswordHashing, PublicCommandKeys, AuthResolver,
        UsersService, UsersResolver, HomeLocationCheck,
        ApiKeysService, ApiKeysResolver,
      ],
      exports: [...exported, ApiKeyDirectory],
    };
  }

  static forWorker(): DynamicModule {
    return { module: IdentityModule, global: true, providers: ports, exports: exported };
  }
}
