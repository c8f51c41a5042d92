package jp.madoguchi.search.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;

import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * {@code ngram} and {@code edge_ngram} tokenizers: {@code min_gram}, {@code max_gram}, and {@code token_chars}
 * (letter, digit, whitespace, punctuation, symbol, custom with {@code custom_token_chars}); with no
 * {@code token_chars} every character belongs to a token, as in the official module.
 */
final class NGramTokenizerFactory extends AbstractTokenizerFactory {
    private final boolean edge;
    private final int minGram;
    private final int maxGram;
    private final IntPredicate tokenChar;

    private NGramTokenizerFactory(IndexSettings indexSettings, String name, Settings settings, boolean edge, int defaultMaxGram) {
        super(indexSettings, settings, name);
        this.edge = edge;
        this.minGram = settings.getAsInt("min_gram", 1);
        this.maxGram = settings.getAsInt("max_gram", defaultMaxGram);
        if (minGram < 1 || maxGram < minGram) {
            throw new IllegalArgumentException("[" + name + "] needs 1 <= min_gram <= max_gram, got [" + minGram + ", " + maxGram + "]");
        }
        // The official ngram tokenizer caps the spread so one long field cannot explode the index.
        if (edge == false && maxGram - minGram > indexSettings.getMaxNgramDiff()) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                    + indexSettings.getMaxNgramDiff() + "] but was [" + (maxGram - minGram)
                    + "]. This limit can be set by changing the [index.max_ngram_diff] index level setting."
            );
        }
        this.tokenChar = tokenChars(settings.getAsList("token_chars"), settings.get("custom_token_chars", ""));
    }

    static NGramTokenizerFactory ngram(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        return new NGramTokenizerFactory(indexSettings, name, settings, false, NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
    }

    static NGramTokenizerFactory edgeNGram(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        return new NGramTokenizerFactory(indexSettings, name, settings, true, EdgeNGramTokenizer.DEFAULT_MAX_GRAM_SIZE);
    }

    private static IntPredicate tokenChars(List<String> classes, String custom) {
        if (classes.isEmpty()) {
            return c -> true;
        }
        IntPredicate result = c -> false;
        for (String tokenClass : classes) {
            IntPredicate matcher = switch (tokenClass.toLowerCase(Locale.ROOT)) {
                case "letter" -> Character::isLetter;
                case "digit" -> Character::isDigit;
                case "whitespace" -> Character::isWhitespace;
                case "punctuation" -> c -> switch (Character.getType(c)) {
                    case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                        Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                        Character.OTHER_PUNCTUATION -> true;
                    default -> false;
                };
                case "symbol" -> c -> switch (Character.getType(c)) {
                    case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
                    default -> false;
                };
                case "custom" -> {
                    if (custom.isEmpty()) {
                        throw new IllegalArgumentException("token_chars [custom] requires [custom_token_chars] to be set");
                    }
                    yield c -> custom.codePoints().anyMatch(cp -> cp == c);
                }
                default -> throw new IllegalArgumentException(
                    "Unknown token type: '" + tokenClass + "', must be one of [letter, digit, whitespace, punctuation, symbol, custom]"
                );
            };
            result = result.or(matcher);
        }
        return result;
    }

    @Override
    public Tokenizer create() {
        IntPredicate chars = tokenChar;
        if (edge) {
            return new EdgeNGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return chars.test(chr);
                }
            };
        }
        return new NGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return chars.test(chr);
            }
        };
    }
}
