import { strict as assert } from 'node:assert';
import { AnalysisEngine } from '../../../../src/core/analysis/engine';
import { detectLanguage, isLanguageDetectorLoaded, loadLanguageDetector } from '../../../../src/core/analysis/language';
import { TopicCounter } from '../../../../src/core/analysis/topics';
import { isWholeWordSpan, wordsOf } from '../../../../src/core/analysis/words';
import type { AnalysisSnapshot } from '../../../../src/shared/protocol';

function analyse(text: string): AnalysisSnapshot {
  const engine = new AnalysisEngine({ clock: () => 0 });
  engine.push(text);
  engine.finish();
  return engine.snapshot('s1');
}

/** Every topic and entity written in the text starts and ends where a word does. */
function assertNoFragments(text: string, snap: AnalysisSnapshot, language: string): void {
  for (const term of [...snap.topics.map((t) => t.term), ...snap.entities.map((e) => e.text)]) {
    const at = text.toLowerCase().indexOf(term.toLowerCase());
    if (at < 0) continue; // a canonical name such as "VS Code"
    assert.ok(isWholeWordSpan(text, at, at + term.length, language), `"${term}" is a fragment of a word in: ${text}`);
  }
}

describe('analysis in every language', () => {
  before(() => loadLanguageDetector());

  it('keeps accented English words whole: café, naïve and Ångström are topics, not caf and ngstr', () => {
    const counter = new TopicCounter(20);
    counter.addProse('The café serves a naïve estimate of one Ångström, then a café summary.', 'en');
    const terms = counter.top().map((t) => t.term);
    for (const word of ['café', 'naïve', 'ångström']) assert.ok(terms.includes(word), `${word} missing from ${terms.join(', ')}`);
    for (const bad of ['caf', 'ngstr', 'sum', 'na', 've']) assert.ok(!terms.includes(bad), `${bad} in ${terms.join(', ')}`);
  });

  it('reads a German paragraph as German: whole nouns as topics, no "Die Gr" entity, and no English sentiment number', () => {
    const text = 'Überprüfe die Änderungen vor der Übergabe. Die Größe des Puffers ist wirklich großartig, und die Änderungen sind gut.';
    const snap = analyse(text);
    const terms = snap.topics.map((t) => t.term);
    assert.ok(terms.includes('Änderungen') && terms.includes('Übergabe') && terms.includes('Größe'), terms.join(', '));
    for (const bad of ['nderungen', 'bergabe', 'berpr']) assert.ok(!terms.includes(bad), `${bad} in ${terms.join(', ')}`);
    assert.ok(!snap.entities.some((e) => e.text.startsWith('Die')), snap.entities.map((e) => e.text).join(', '));
    assert.equal(snap.language?.primary, 'de');
    assert.deepEqual(snap.sentiment.notScored, ['de']);
    assert.equal(snap.sentiment.scoredSentences, 0);
    assert.equal(snap.sentiment.value, 0);
    assertNoFragments(text, snap, 'de');
  });

  it('finds topics in a Japanese paragraph, which has no spaces between words', () => {
    const text = 'データベースはすべての注文を別のテーブルに保存します。キャッシュを消去しないと、メモリの使用量が増え続けます。';
    const snap = analyse(text);
    const terms = snap.topics.map((t) => t.term);
    for (const word of ['データベース', 'テーブル', 'キャッシュ', 'メモリ']) assert.ok(terms.includes(word), `${word} missing from ${terms.join(', ')}`);
    assert.equal(snap.language?.primary, 'ja');
    assert.deepEqual(snap.sentiment.notScored, ['ja']);
  });

  it('reports each language of a mixed answer and scores only its English sentences', () => {
    const snap = analyse('This approach is great and works well for the cache.\n\nDer Cache wird bei jedem Commit geleert, damit der Speicher frei bleibt.');
    const languages = (snap.language?.shares ?? []).map((s) => s.language).sort();
    assert.deepEqual(languages, ['de', 'en']);
    assert.equal(snap.sentiment.scoredSentences, 1);
    assert.deepEqual(snap.sentiment.notScored, ['de']);
    assert.ok(snap.sentiment.value > 0);
  });

  it('takes Korean nouns without their particles and a product name apart from the particle after it', () => {
    const snap = analyse('Docker를 사용하면 애플리케이션을 컨테이너 안에서 실행할 수 있습니다.');
    const terms = snap.topics.map((t) => t.term);
    assert.ok(terms.includes('Docker') && terms.includes('애플리케이션') && terms.includes('컨테이너'), terms.join(', '));
    assert.ok(
      snap.entities.some((e) => e.text === 'Docker'),
      snap.entities.map((e) => e.text).join(', '),
    );
  });

  it('names the language of sentences in seven languages once the detector has loaded', () => {
    assert.equal(isLanguageDetectorLoaded(), true);
    const cases: Array<[string, string]> = [
      ['Die Datenbank speichert alle Bestellungen in einer eigenen Tabelle.', 'de'],
      ['La base de données enregistre chaque commande dans une table séparée.', 'fr'],
      ['La base de datos guarda cada pedido en una tabla separada.', 'es'],
      ['データベースはすべての注文を保存します。', 'ja'],
      ['数据库把每个订单保存在单独的表中。', 'zh'],
      ['데이터베이스는 모든 주문을 저장합니다.', 'ko'],
      ['База данных хранит каждый заказ в отдельной таблице.', 'ru'],
    ];
    for (const [text, lang] of cases) assert.equal(detectLanguage(text).language, lang, text);
  });

  it('segments CJK and Thai text into words and keeps C++ and hyphenated compounds whole', () => {
    assert.ok(wordsOf('ภาษาไทยไม่มีช่องว่าง', 'th').length > 2);
    assert.deepEqual(
      wordsOf('Use C++ or C# for the week-end job').map((w) => w.text),
      ['Use', 'C++', 'or', 'C#', 'for', 'the', 'week-end', 'job'],
    );
  });
});

describe('German nouns side by side', () => {
  it('are topics, not a person: "in der Schule Mathematik", "die Übersetzung der Oberfläche"', () => {
    const engine = new AnalysisEngine({ clock: () => 0 });
    engine.push('Die Schüler lernen in der Schule Mathematik und Geschichte. Die Übersetzung der Oberfläche ist für die nächste Version geplant.');
    engine.finish();
    const snap = engine.snapshot('s');
    assert.deepEqual(
      snap.entities.filter((e) => e.type === 'person'),
      [],
    );
    const terms = snap.topics.map((t) => t.term);
    for (const noun of ['Schule', 'Mathematik', 'Übersetzung', 'Oberfläche']) assert.ok(terms.includes(noun), `${noun} missing from ${terms.join(', ')}`);
  });
});
