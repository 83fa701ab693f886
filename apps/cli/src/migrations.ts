import { PLATFORM_MIGRATIONS } from '@workbay/platform';
import { SHOP_MIGRATIONS } from '@workbay/shop';

/** Every context's migrations, in order. */
export const ALL_MIGRATIONS: Function[] = [...PLATFORM_MIGRATIONS, ...SHOP_MIGRATIONS];
