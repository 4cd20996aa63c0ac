/**
 * A small supplement to wink's lexicon: everyday evaluative words and phrases it leaves
 * unscored (mostly complaints stated as facts: "waste of money", "sent it back"). Scores
 * are on wink's scale, roughly [-1, 1]. Chosen by reading misses on the DEV half of the
 * UCI sentences only (even indices); the held-out half is never looked at. Multi-word
 * keys are matched on lower-cased, whitespace-normalised text.
 */
// prettier-ignore
export const SUPPLEMENT_WORDS: ReadonlyMap<string, number> = new Map([
  ['waste', -0.6], ['wasted', -0.6], ['wasting', -0.6], ['junk', -0.6], ['crap', -0.7], ['trash', -0.6],
  ['lacks', -0.4], ['lacking', -0.4], ['lame', -0.5], ['mediocre', -0.5], ['unacceptable', -0.6],
  ['unacceptible', -0.6], ['poorly', -0.5], ['poor', -0.5], ['flawed', -0.5], ['forgettable', -0.4],
  ['pointless', -0.5], ['avoid', -0.4], ['beware', -0.5], ['forever', -0.2], ['refund', -0.4],
  ['returned', -0.3], ['broke', -0.5], ['broken', -0.5],
  ['breaks', -0.4], ['dead', -0.4], ['dies', -0.4], ['died', -0.4], ['slow', -0.3], ['slower', -0.3],
  ['cheap', -0.2], ['cheaply', -0.4], ['flimsy', -0.5], ['overpriced', -0.5], ['rude', -0.6],
  ['cold', -0.2], ['bland', -0.5], ['tasteless', -0.5], ['stale', -0.4], ['soggy', -0.5], ['greasy', -0.3],
  ['undercooked', -0.5], ['overcooked', -0.5], ['dry', -0.2], ['salty', -0.3], ['gross', -0.6],
  ['inedible', -0.7], ['mess', -0.4], ['nasty', -0.6], ['disgusting', -0.7], ['horrible', -0.8],
  ['awful', -0.8], ['terrible', -0.8], ['worst', -0.8], ['worse', -0.5], ['meh', -0.3],
  ['unfortunately', -0.3], ['sadly', -0.4], ['barely', -0.3], ['hardly', -0.3], ['annoying', -0.5],
  ['useless', -0.6], ['defective', -0.6], ['faulty', -0.6], ['unreliable', -0.5], ['uncomfortable', -0.5],
  ['boring', -0.6], ['bored', -0.5], ['dull', -0.5], ['predictable', -0.3], ['stupid', -0.6],
  ['pathetic', -0.7], ['lousy', -0.6], ['sloppy', -0.5], ['wooden', -0.4], ['unremarkable', -0.4],
  ['underwhelming', -0.5], ['rudely', -0.6], ['sick', -0.4], ['screwed', -0.6], ['lacked', -0.4], ['elsewhere', -0.3],
  ['disappointing', -0.6], ['disappointed', -0.6], ['disappointment', -0.6], ['dirty', -0.4], ['garbage', -0.6], ['sucks', -0.7], ['sucked', -0.7], ['unwatchable', -0.8],
  ['excellent', 0.8], ['great', 0.6], ['good', 0.4], ['nice', 0.4], ['love', 0.6], ['loved', 0.6],
  ['recommend', 0.5], ['recommended', 0.5], ['perfect', 0.7], ['perfectly', 0.6], ['works', 0.2],
  ['sturdy', 0.4], ['comfortable', 0.5], ['delicious', 0.7], ['tasty', 0.6], ['yummy', 0.6],
  ['fresh', 0.4], ['friendly', 0.5], ['attentive', 0.5], ['fast', 0.2], ['quick', 0.2], ['quickly', 0.2],
  ['reasonable', 0.3], ['affordable', 0.3], ['solid', 0.3], ['reliable', 0.4], ['satisfied', 0.5],
  ['impressed', 0.5], ['enjoyed', 0.5], ['enjoy', 0.4], ['fun', 0.4], ['favorite', 0.5], ['favourite', 0.5],
  ['gem', 0.5], ['masterpiece', 0.8], ['brilliant', 0.7], ['superb', 0.8], ['wonderful', 0.7],
  ['amazing', 0.7], ['awesome', 0.7], ['fantastic', 0.7], ['outstanding', 0.7], ['incredible', 0.6],
  ['beautiful', 0.6], ['beautifully', 0.6], ['funny', 0.4], ['hilarious', 0.5], ['touching', 0.4],
  ['believable', 0.4], ['worth', 0.3], ['must-see', 0.6], ['classic', 0.3], ['crisp', 0.3], ['clear', 0.2],
]);

/** Phrases that carry sentiment as a whole (matched before single words; their words are then skipped). */
// prettier-ignore
export const SUPPLEMENT_PHRASES: ReadonlyArray<readonly [string, number]> = [
  ['waste of money', -0.8], ['waste your money', -0.8], ['waste of time', -0.8], ['waste your time', -0.8],
  ['money back', -0.6], ['sent it back', -0.6], ['send it back', -0.6], ['sending it back', -0.6],
  ['stay away', -0.7], ['steer clear', -0.7], ['never again', -0.7], ['not worth', -0.6],
  ['not recommend', -0.6], ['would not recommend', -0.7], ["wouldn't recommend", -0.7],
  ['not good', -0.5], ['not great', -0.4], ['not impressed', -0.5], ['not happy', -0.5],
  ['not as good', -0.4], ['not work', -0.5], ["doesn't work", -0.5], ['does not work', -0.5],
  ["didn't work", -0.5], ['did not work', -0.5], ['stopped working', -0.6], ['no good', -0.5],
  ['thumbs up', 0.6], ['thumbs down', -0.6], ['highly recommend', 0.8], ['well done', 0.5],
  ['must see', 0.6], ['go back', 0.3], ['come back', 0.3], ['coming back', 0.3], ['will be back', 0.4],
  ['works great', 0.7], ['works well', 0.6], ['as described', 0.4], ['exactly what', 0.4],
  ['not be back', -0.6], ["won't be back", -0.6], ['not again', -0.5], ['never return', -0.6],
  ["wouldn't return", -0.5], ['not return', -0.5], ['will return', 0.4], ['gave up', -0.4], ['took back', -0.4],
  ['in vain', -0.5], ["don't waste", -0.8], ['do not waste', -0.8], ['not buy', -0.6], ["don't buy", -0.6],
  ['fell apart', -0.6], ['falls apart', -0.6], ['piece of junk', -0.8], ['at all', -0.1],
];
