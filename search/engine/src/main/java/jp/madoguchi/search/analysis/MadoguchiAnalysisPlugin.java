package jp.madoguchi.search.analysis;

import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.Map;

/**
 * Registers the analysis components the portal's index uses under the names (and parameters) of Elastic's
 * analysis-icu and analysis-kuromoji plugins and the analysis-common module, none of which is published on Maven
 * Central. Because the names match, index settings written against this node run unchanged on a production cluster
 * that has the official plugins installed.
 */
public final class MadoguchiAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("icu_normalizer", IcuNormalizerCharFilterFactory::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "kuromoji_tokenizer", KuromojiTokenizerFactory::new,
            "ngram", NGramTokenizerFactory::ngram,
            "edge_ngram", NGramTokenizerFactory::edgeNGram
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.ofEntries(
            Map.entry("kuromoji_baseform", (indexSettings, env, name, settings) ->
                new SimpleTokenFilterFactory(name, JapaneseBaseFormFilter::new, false)),
            Map.entry("kuromoji_part_of_speech", KuromojiPartOfSpeechFilterFactory::new),
            Map.entry("ja_stop", JapaneseStopFilterFactory::new),
            Map.entry("kuromoji_stemmer", KuromojiStemmerFilterFactory::new),
            Map.entry("kuromoji_readingform", KuromojiReadingFormFilterFactory::new),
            Map.entry("cjk_width", (indexSettings, env, name, settings) ->
                new SimpleTokenFilterFactory(name, CJKWidthFilter::new, true)),
            Map.entry("lowercase", LowercaseTokenFilterFactory::new),
            // Without rules the filter means nothing: only an index that configures it gets an instance.
            Map.entry("synonym_graph", AnalysisPlugin.requiresAnalysisSettings(SynonymGraphTokenFilterFactory::new)),
            Map.entry("edge_ngram", EdgeNGramTokenFilterFactory::new)
        );
    }
}
