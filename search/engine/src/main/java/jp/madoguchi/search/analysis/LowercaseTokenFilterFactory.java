package jp.madoguchi.search.analysis;

import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

import java.util.Locale;

/** {@code lowercase} with the official optional {@code language} (greek, irish, turkish). */
final class LowercaseTokenFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
    private final String language;

    LowercaseTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        this.language = settings.get("language");
        if (language != null && switch (language.toLowerCase(Locale.ROOT)) {
            case "greek", "irish", "turkish" -> false;
            default -> true;
        }) {
            throw new IllegalArgumentException("[lowercase] language must be one of [greek, irish, turkish], got [" + language + "]");
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        if (language == null) {
            return new LowerCaseFilter(tokenStream);
        }
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "greek" -> new GreekLowerCaseFilter(tokenStream);
            case "irish" -> new IrishLowerCaseFilter(tokenStream);
            default -> new TurkishLowerCaseFilter(tokenStream);
        };
    }
}
