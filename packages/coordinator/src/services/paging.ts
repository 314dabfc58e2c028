/**
 * Page sizes and page tokens of the list RPCs. A token is an opaque
 * base64url offset; list orders are stable, so offsets page correctly while
 * nothing is inserted before the page (new experiments appear on page one).
 *
 * @module
 */
import { InvalidArgumentError } from '@fedra/common';

/** Page size when the request leaves it 0. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page size; larger requests are reduced to it. */
export const MAX_PAGE_SIZE = 500;

/** The page size to use for a request's `page_size`. */
export function pageSize(requested: number): number {
  if (!Number.isInteger(requested) || requested < 0) {
    throw new InvalidArgumentError('page_size', 'page_size must be >= 0');
  }
  return requested === 0 ? DEFAULT_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE);
}

/** The token of the page starting at `offset`. */
export function encodePageToken(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

/**
 * The offset a page token stands for ('' is the first page).
 *
 * @throws InvalidArgumentError (field `page_token`) for a token this server did not issue.
 */
export function decodePageToken(token: string): number {
  if (token === '') return 0;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(text);
  if (match?.[1] === undefined)
    throw new InvalidArgumentError('page_token', 'page_token is not one this server issued');
  return Number(match[1]);
}
