import { cloneElement, isValidElement, type ReactNode } from 'react';

/**
 * Calls the async server components of a tree (as Next.js would on the server) so that
 * react-dom's string renderer, which cannot wait for them, gets only renderable elements.
 * It follows `children`; a server component nested in another prop is not reached.
 */
export async function resolveServerTree(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map((child) => resolveServerTree(child)));
  if (!isValidElement(node)) return node;
  const { type, props } = node as { type: unknown; props: Record<string, unknown> };
  if (typeof type === 'function' && type.constructor.name === 'AsyncFunction')
    return resolveServerTree(await (type as (p: unknown) => Promise<ReactNode>)(props));
  if (props && 'children' in props && props.children !== undefined)
    return cloneElement(node as React.ReactElement<{ children?: ReactNode }>, {
      children: await resolveServerTree(props.children as ReactNode),
    });
  return node;
}

/**
 * The first element of a component type in the tree a server component returned, found through
 * `children`, with its props typed by the component: what a page hands a client component.
 */
export function findElement<P>(
  node: unknown,
  type: (props: P) => unknown,
): { props: P } | undefined {
  if (Array.isArray(node)) return node.map((child) => findElement(child, type)).find(Boolean);
  if (!node || typeof node !== 'object' || !('props' in node)) return undefined;
  const element = node as { type: unknown; props: { children?: unknown } };
  if (element.type === type) return element as unknown as { props: P };
  return findElement(element.props.children, type);
}
