import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'workbay:public';
/** Marks a route that needs no token (signup, login, health, docs). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
