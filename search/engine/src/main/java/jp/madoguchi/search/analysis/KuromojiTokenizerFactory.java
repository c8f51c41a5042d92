package jp.madoguchi.search.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.Analysis;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code kuromoji_tokenizer}: {@code mode} (normal, search, extended; default search), {@code discard_punctuation}
 * (default true), {@code discard_compound_token} (default false) and a user dictionary given inline as
 * {@code user_dictionary_rules} or as a file under the config directory as {@code user_dictionary}.
 */
final class KuromojiTokenizerFactory extends AbstractTokenizerFactory {
    private final JapaneseTokenizer.Mode mode;
    private final boolean discardPunctuation;
    private final boolean discardCompoundToken;
    private final UserDictionary userDictionary;

    KuromojiTokenizerFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(indexSettings, settings, name);
        this.mode = parseMode(settings.get("mode", "search"));
        this.discardPunctuation = settings.getAsBoolean("discard_punctuation", true);
        this.discardCompoundToken = settings.getAsBoolean("discard_compound_token", false);
        this.userDictionary = userDictionary(env, settings);
    }

    private static JapaneseTokenizer.Mode parseMode(String value) {
        try {
            return JapaneseTokenizer.Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[kuromoji_tokenizer] mode must be one of [normal, search, extended], got [" + value + "]");
        }
    }

    private static UserDictionary userDictionary(Environment env, Settings settings) {
        if (settings.get("user_dictionary") != null && settings.getAsList("user_dictionary_rules", null) != null) {
            throw new IllegalArgumentException("[kuromoji_tokenizer] accepts only one of [user_dictionary] and [user_dictionary_rules]");
        }
        // Same rule handling as the official plugin: comments dropped, a duplicate surface form is an error unless lenient.
        List<String> rules = Analysis.getWordList(env, settings, "user_dictionary", "user_dictionary_rules", "lenient", true, true);
        if (rules == null || rules.isEmpty()) {
            return null;
        }
        try {
            return UserDictionary.open(new StringReader(String.join("\n", rules)));
        } catch (IOException e) {
            throw new UncheckedIOException("[kuromoji_tokenizer] cannot load user dictionary", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("[kuromoji_tokenizer] invalid user dictionary: " + e.getMessage(), e);
        }
    }

    @Override
    public Tokenizer create() {
        return new JapaneseTokenizer(userDictionary, discardPunctuation, discardCompoundToken, mode);
    }
}
