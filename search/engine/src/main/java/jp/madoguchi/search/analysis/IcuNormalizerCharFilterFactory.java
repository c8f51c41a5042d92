package jp.madoguchi.search.analysis;

import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;

import java.io.Reader;
import java.util.Locale;

/**
 * {@code icu_normalizer} char filter. Defaults to {@code nfkc_cf}, which folds full/half width and case in one pass
 * (ｸﾗｳﾄﾞ → クラウド, ＡＢＣ → abc) before the tokenizer sees the text.
 */
final class IcuNormalizerCharFilterFactory extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {
    private final Normalizer2 normalizer;

    IcuNormalizerCharFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name);
        String form = settings.get("name", "nfkc_cf");
        String mode = settings.get("mode", "compose").toLowerCase(Locale.ROOT);
        Normalizer2.Mode icuMode = switch (mode) {
            case "compose" -> Normalizer2.Mode.COMPOSE;
            case "decompose" -> Normalizer2.Mode.DECOMPOSE;
            default -> throw new IllegalArgumentException("[icu_normalizer] mode must be [compose] or [decompose], got [" + mode + "]");
        };
        if (form.equals("nfc") == false && form.equals("nfkc") == false && form.equals("nfkc_cf") == false) {
            throw new IllegalArgumentException("[icu_normalizer] name must be one of [nfc, nfkc, nfkc_cf], got [" + form + "]");
        }
        Normalizer2 base = Normalizer2.getInstance(null, form, icuMode);
        String unicodeSetFilter = settings.get("unicode_set_filter");
        this.normalizer = unicodeSetFilter == null ? base : new FilteredNormalizer2(base, new UnicodeSet(unicodeSetFilter).freeze());
    }

    @Override
    public Reader create(Reader reader) {
        return new ICUNormalizer2CharFilter(reader, normalizer);
    }
}
