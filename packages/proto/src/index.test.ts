import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import * as proto from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('@fedra/proto index', () => {
  it('re-exports every generated fedra.v1 type, so a new message cannot be forgotten', () => {
    const index = readFileSync(join(here, 'index.ts'), 'utf8');
    const generated = readdirSync(join(here, 'generated', 'fedra', 'v1'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => name.slice(0, -'.ts'.length));
    expect(generated.length).toBeGreaterThan(100);
    const missing = generated.filter(
      (name) => !index.includes(`from './generated/fedra/v1/${name}.js'`),
    );
    expect(missing).toEqual([]);
  });

  it('exports enums as name tables whose values are the wire names', () => {
    expect(proto.Stage.STAGE_SHARE_KEYS).toBe('STAGE_SHARE_KEYS');
    expect(Object.keys(proto.RoundState)).toContain('ROUND_STATE_COMMITTED');
    expect(Object.values(proto.RefusalReason)[0]).toBe('REFUSAL_REASON_UNSPECIFIED');
  });

  it('exports the loader', () => {
    expect(proto.loadFedraPackage().fedra.v1.AdminService.service).toHaveProperty('VerifyAuditLog');
    expect(proto.PROTO_FILES).toContain('fedra/v1/secagg.proto');
  });
});
