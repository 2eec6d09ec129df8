import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeOf } from '../../server/src/analysis/model/layout';
import { compareVersions, parseVersion, versionError, versionSpanText } from '../../server/src/analysis/model/semver';

describe('package layout from URIs', () => {
  it('makes a folder one package, resolving with everything under its deps/', () => {
    assert.deepEqual(placeOf('file:///p/wit/a.wit'), { group: 'file:///p/wit', unit: 'file:///p/wit' });
    assert.deepEqual(placeOf('file:///p/wit/deps/io/streams.wit'), { group: 'file:///p/wit', unit: 'file:///p/wit/deps/io' });
    assert.deepEqual(placeOf('file:///p/wit/deps/single.wit'), { group: 'file:///p/wit', unit: 'file:///p/wit/deps/single.wit' });
  });

  it('uses the outermost deps/, as wit-parser reads only the top folder’s', () => {
    assert.equal(placeOf('file:///p/wit/deps/a/deps/b/x.wit').group, 'file:///p/wit');
  });

  it('lets a document without a folder stand alone', () => {
    assert.deepEqual(placeOf('untitled:Untitled-1'), { group: 'untitled:Untitled-1', unit: 'untitled:Untitled-1' });
  });
});

describe('semantic versions as wit-parser reads them', () => {
  it('reports what the semver crate reports', () => {
    assert.equal(versionError('1.2.3-rc.1+build.5'), null);
    assert.equal(versionError('01.0.0'), 'invalid leading zero in major version number');
    assert.equal(versionError('1.00.0'), 'invalid leading zero in minor version number');
    assert.equal(versionError('1.0.0-01'), 'invalid leading zero in pre-release identifier');
    assert.equal(versionError('1.0.0-a_b'), "unexpected character '_' after pre-release identifier");
    assert.equal(versionError('1.0.0+a_b'), "unexpected character '_' after build metadata");
  });

  it('reads a trailing `-` or `+` with nothing after it as wit-parser does: not part of the version', () => {
    for (const [token, span] of [['1.0.0-', '1.0.0'], ['1.0.0+', '1.0.0'], ['1.0.0-+', '1.0.0'], ['1.0.0-a+', '1.0.0-a'], ['1.0.0--', '1.0.0--'], ['1.0.0+-', '1.0.0+-']]) {
      assert.equal(versionSpanText(token), span, token);
      assert.equal(versionError(token), null, token);
    }
    assert.deepEqual(parseVersion('1.0.0-'), { major: 1, minor: 0, patch: 0, pre: [] });
    assert.deepEqual(parseVersion('1.0.0--'), { major: 1, minor: 0, patch: 0, pre: ['-'] });
  });

  it('orders by precedence: pre-releases before the release, numbers before words', () => {
    const sorted = ['1.0.0', '1.0.0-rc.10', '1.0.0-rc.2', '1.0.0-alpha', '0.9.9', '1.0.0-rc']
      .map((v) => ({ v, parsed: parseVersion(v)! }))
      .sort((a, b) => compareVersions(a.parsed, b.parsed))
      .map((x) => x.v);
    assert.deepEqual(sorted, ['0.9.9', '1.0.0-alpha', '1.0.0-rc', '1.0.0-rc.2', '1.0.0-rc.10', '1.0.0']);
  });
});
