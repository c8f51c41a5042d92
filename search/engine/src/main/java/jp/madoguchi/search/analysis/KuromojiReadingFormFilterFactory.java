package jp.madoguchi.search.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

/** {@code kuromoji_readingform}: replaces each token by its katakana reading, or romaji with {@code use_romaji}. */
final class KuromojiReadingFormFilterFactory extends AbstractTokenFilterFactory {
    private final boolean useRomaji;

    KuromojiReadingFormFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        this.useRomaji = settings.getAsBoolean("use_romaji", false);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new JapaneseReadingFormFilter(tokenStream, useRomaji);
    }
}
