export * from './core';
export * from './postgres';
export * from './esdb';
