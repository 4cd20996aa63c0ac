import { tagSentence } from '../src/core/analysis/nlp';
import { extractEntities } from '../src/core/analysis/entities';
for (const t of ['Pinging María José Fernández, who owns the payments SDK.', 'Rob Pike and Ken Thompson sketched UTF-8.'])
  console.log(JSON.stringify(tagSentence(t)), extractEntities(t).map((e) => e.text));
