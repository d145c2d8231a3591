import 'reflect-metadata';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { CAPABILITIES } from '@app/domain';
import { AppModule } from './app.module';
import { ROLES } from './auth/decorators';

/** Every route of the API with the roles its guard lets through (method's @Roles over the controller's). */
function routeRoles(): Map<string, string[] | undefined> {
  // The controllers of the app module and of every module it imports (static or dynamic).
  const controllers: Type[] = [];
  const seen = new Set<unknown>();
  const visit = (entry: unknown) => {
    const mod = (entry as { module?: Type })?.module ?? (entry as Type);
    if (!mod || seen.has(mod)) return;
    seen.add(mod);
    controllers.push(...((Reflect.getMetadata('controllers', mod) as Type[] | undefined) ?? []));
    controllers.push(...((entry as { controllers?: Type[] }).controllers ?? []));
    for (const i of [
      ...((Reflect.getMetadata('imports', mod) as unknown[] | undefined) ?? []),
      ...((entry as { imports?: unknown[] }).imports ?? []),
    ])
      visit(i);
  };
  visit(AppModule);
  const routes = new Map<string, string[] | undefined>();
  const join = (...parts: string[]) =>
    '/' +
    parts
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/');
  for (const controller of controllers) {
    const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
    const classRoles = Reflect.getMetadata(ROLES, controller) as string[] | undefined;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const roles = (Reflect.getMetadata(ROLES, handler) as string[] | undefined) ?? classRoles;
      for (const p of Array.isArray(path) ? path : [path])
        routes.set(`${RequestMethod[method]} ${join(base, p)}`, roles);
    }
  }
  return routes;
}

describe("the console's role → capability map", () => {
  const routes = routeRoles();

  it.each(Object.entries(CAPABILITIES))(
    '%s gives its button to exactly the roles the API route lets through',
    (_name, capability) => {
      expect(routes.has(capability.route)).toBe(true);
      expect([...(routes.get(capability.route) ?? [])].sort()).toEqual([...capability.roles].sort());
    },
  );
});
