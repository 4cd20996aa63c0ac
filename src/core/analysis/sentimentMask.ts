/**
 * Masking for sentiment: developer prose is full of words that lexicons score as negative
 * ("throws an error", "returns false", "kill the process") although nobody is upset. We
 * replace them, and anything that looks like code, with a neutral placeholder before the
 * sentence reaches the lexicon. Pure string work, O(sentence).
 */
import { FENCE_ONLY_ALIASES, TECH_NAMES } from './techTerms';

/** The neutral token put in place of masked text; unknown to every lexicon. */
export const MASK = 'zzmask';

/** Words that are (almost) always technical in our setting; masked in every sentence. */
const ALWAYS_TECHNICAL = new Set(
  (
    'error errors exception exceptions false null nil undefined abort aborts aborted abort kill kills killed ' +
    'warning warnings warn deprecated deprecate deprecation block blocks blocking blocked empty fatal panic ' +
    'panics reject rejects rejected rejection deny denied invalid invalidate throw throws thrown ' +
    'conflict conflicts obsolete stale orphan orphaned zombie deadlock timeout timeouts ' +
    'strict force forced forcing dummy stderr failsafe dispose disposed terminate terminates terminated ' +
    'exit exits escape escapes vulnerable vulnerability vulnerabilities malicious blacklist ' +
    'truncate truncated ignore ignores ignored skip skipped unsafe mock mocks ' +
    'limit limits limited limitation limitations poison poisoned mutate mutation negative token tokens ' +
    'revoke revoked revokes unauthorized forbidden illegal exploit exploits collision collisions ' +
    'interrupt interrupts interrupted suspend suspended dump dumps fake fakes default defaults object objects ' +
    'execute executes executed executing execution element elements name names static prevent prevents ' +
    'prevented exclude excludes excluded exclusion bypass bypasses slash slashes necessary mandatory ' +
    'escaping escaped expose exposes exposing exposed restrict restricts restricted incomplete coerce ' +
    'coerced discard discards discarded discarding defer deferred fire fires fired collapse collapsed complexity'
  ).split(' '),
);

/**
 * Words that are technical only in technical sentences ("if the build fails"), but carry
 * real feeling in ordinary ones ("the phone crashed twice"). Masked when the sentence has
 * a technical cue.
 */
const CONTEXTUAL = new Set(
  (
    'fail fails failed failing failure failures crash crashes crashed crashing bug bugs buggy issue issues ' +
    'problem problems break breaks breaking broke broken lose loses lost leak leaks leaking slow slower ' +
    'bad wrong missing miss misses risk risks risky danger dangerous cancel cancels cancelled canceled ' +
    'hang hangs stuck corrupt corrupted hard harder complex complicated difficult severe critical ' +
    'expensive costly heavy worse worst ugly noisy noise loud silent silently unfortunately dead ' +
    'drop drops dropped destroy destroys destroyed attack attacks attacker hack hacks garbage trap traps ' +
    'stop stops stopped cut cuts missing miss misses reject refuse refused deny denied insecure risky ' +
    'return returns returned returning death die dies penalty stuck avoid avoids avoided trying behind leave leaves missed abandon abandoned ' +
    'threat threats faulty'
  ).split(' '),
);

/** Vocabulary that on its own marks a sentence as technical. */
const STRONG_CUES = new Set(
  (
    'function functions method methods class classes module modules package packages directory compiler ' +
    'compile compiles api apis config configuration argument arguments parameter parameters variable variables ' +
    'callback callbacks async await thread threads dependency dependencies commit branch repository repo ' +
    'plugin plugins library libraries runtime npm debugger database schema array arrays handler handlers ' +
    'listener listeners buffer cache parser parsing json http https endpoint cli syntax typescript ' +
    'javascript python rust compile-time cpu socket deploy deployment container docker kubernetes ci lint ' +
    'linter webpack vite bundler exception exceptions stacktrace null undefined boolean integer regex'
  ).split(' '),
);

/** Ambiguous vocabulary ("promise", "version", "test"): two of these mark a sentence as technical. */
const WEAK_CUES = new Set(
  (
    'build builds test tests server servers request requests response option options return returns returned ' +
    'promise promises process processes command commands install installed version versions release code ' +
    'stack log logs query input output string strings object objects property properties field fields event ' +
    'events stream streams token tokens flag flags type types memory disk port connection network pipeline ' +
    'exit status signal instance component components render rendering bundle file files browser node key ' +
    'keys value values error errors warning warnings update updates call calls script scripts run runs ' +
    'pattern patterns match matches entry entries patch patches child parent shell sample samples state ' +
    'contract format formats method shim conversion conversions circuit html xss security performance ' +
    'tool tools platform engine character characters line lines path paths mode modes result results'
  ).split(' '),
);

// Code spans, URLs, paths, identifiers with internal capitals/underscores/digits/dots, flags.
const CODE_LIKE =
  /`[^`]*`|https?:\/\/\S+|(?:\.{0,2}\/|~\/|[A-Za-z]:\\)[\w.\\/-]+|--?[a-z][\w-]*|\b[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?|\b[a-z]+[A-Z_]\w*|\b[A-Z][a-z]+[A-Z]\w*|\b[A-Z]{2,}[a-z]\w*|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b\w+\(\)/g;

const WORD = /[A-Za-z][A-Za-z'-]*/g;

/** True when the sentence reads as technical (code, paths, or developer vocabulary). */
function isTechnical(sentence: string): boolean {
  CODE_LIKE.lastIndex = 0;
  if (CODE_LIKE.test(sentence)) return true;
  let weak = 0;
  for (const m of sentence.matchAll(WORD)) {
    const lower = m[0].toLowerCase();
    if (STRONG_CUES.has(lower) || (TECH_NAMES.has(lower) && !FENCE_ONLY_ALIASES.has(lower))) return true;
    if (WEAK_CUES.has(lower)) weak += 1;
  }
  return weak >= 2;
}

/** Words that state a capability; "not supported" in docs is a fact, not a complaint. */
const CAPABILITY = new Set(
  (
    'support supports supported supporting compatible compatibility possible available allowed permitted ' +
    'eligible maintained guaranteed recommended affect affects affected matter matters succeed succeeds ' +
    'accepted enabled needed required intended meant designed'
  ).split(' '),
);
const NEGATED_CLAUSE = /\b((?:not|no|never|cannot|neither|nor|without|\w+n't)\b)([^,.;:!?()[\]]*)/gi;
const NEGATOR = /^(?:not|no|never|cannot|neither|nor|without|none|nothing|\w+n't)$/i;

/** Returns the sentence with code-like spans and technical-sense words replaced by {@link MASK}. */
export function maskForSentiment(sentence: string): string {
  const technical = isTechnical(sentence);
  let coded = sentence.replace(CODE_LIKE, MASK);
  // In technical prose a negated clause states a fact ("doesn't support the AD service"):
  // wink would flip every positive word up to the clause end, so the clause is neutralised.
  if (technical) coded = coded.replace(NEGATED_CLAUSE, (_m, neg: string, rest: string) => neg + rest.replace(WORD, MASK));
  // Words seen since the last negator: in technical prose a negation states a fact
  // ("does not match"), so the next two words are neutralised rather than flipped.
  let sinceNegator = 99;
  return coded.replace(WORD, (word) => {
    const lower = word.toLowerCase();
    sinceNegator += 1;
    if (NEGATOR.test(lower)) {
      sinceNegator = 0;
      return word;
    }
    if (ALWAYS_TECHNICAL.has(lower)) return MASK;
    if (technical && CONTEXTUAL.has(lower)) return MASK;
    if (sinceNegator <= 2 && (technical || CAPABILITY.has(lower))) return MASK;
    return word;
  });
}
