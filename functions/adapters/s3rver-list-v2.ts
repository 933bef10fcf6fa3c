import type { S3rverContext, S3rverMiddleware } from 's3rver';

/**
 * ListObjectsV2 on the embedded S3 server for listings of more than one page. s3rver encrypts its continuation
 * token with DES, which OpenSSL 3 (Node 17 and later) no longer offers, so any listing longer than 1,000 keys
 * fails with InternalError. This middleware answers a V2 listing through s3rver's V1 listing (a marker instead of a
 * token) and writes the answer back in V2's shape, its token being the last key listed. Written by hand because
 * s3rver is no longer maintained; nothing else changes, and on AWS S3 answers V2 itself.
 */
export const listObjectsV2WithoutDes: S3rverMiddleware = async (ctx, next) => {
  const query = ctx.query;
  if (ctx.method !== 'GET' || query['list-type'] !== '2') return next();
  const token = typeof query['continuation-token'] === 'string' ? query['continuation-token'] : undefined;
  const startAfter = typeof query['start-after'] === 'string' ? query['start-after'] : undefined;
  const {
    'list-type': _v2,
    'continuation-token': _token,
    'start-after': _after,
    'fetch-owner': _owner,
    ...rest
  } = query;
  const marker = token !== undefined ? Buffer.from(token, 'base64url').toString('utf8') : startAfter;
  ctx.query = { ...rest, ...(marker !== undefined ? { marker } : {}) };
  await next();
  const result = listing(ctx);
  if (!result) return;
  const contents = (result.Contents ?? []) as { Key: string; Owner?: unknown }[];
  const prefixes = (result.CommonPrefixes ?? []) as { Prefix: string }[];
  const last = [contents.at(-1)?.Key, prefixes.at(-1)?.Prefix]
    .filter((k): k is string => k !== undefined)
    .sort()
    .at(-1);
  const { Marker: _marker, NextMarker: _next, ...common } = result;
  ctx.body = {
    ListBucketResult: {
      ...common,
      StartAfter: token === undefined ? startAfter : undefined,
      ContinuationToken: token,
      NextContinuationToken:
        result.IsTruncated && last !== undefined ? Buffer.from(last, 'utf8').toString('base64url') : undefined,
      KeyCount: contents.length + prefixes.length,
      Contents: contents.map(({ Owner: _o, ...object }) => object),
    },
  };
};

function listing(ctx: S3rverContext): Record<string, unknown> | undefined {
  const body = ctx.body as { ListBucketResult?: Record<string, unknown> } | undefined;
  return body && typeof body === 'object' ? body.ListBucketResult : undefined;
}
