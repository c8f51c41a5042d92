package jp.madoguchi.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code synonym_graph} with rules inline ({@code synonyms}) or from a file under the config directory
 * ({@code synonyms_path}), in {@code solr} (default) or {@code wordnet} {@code format}, with {@code expand} and
 * {@code lenient}. As in Elasticsearch, the rules are parsed with the analysis chain that precedes the filter, so a
 * rule like 「ガバクラ, ガバメントクラウド」 is tokenised by kuromoji exactly as the text it has to match.
 */
final class SynonymGraphTokenFilterFactory extends AbstractTokenFilterFactory {
    private final List<String> rules;
    private final String format;
    private final boolean expand;
    private final boolean lenient;
    private final AnalysisMode analysisMode;

    SynonymGraphTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        if (settings.getAsList("synonyms", null) == null && settings.get("synonyms_path") == null) {
            throw new IllegalArgumentException("synonym requires either `synonyms` or `synonyms_path` to be configured");
        }
        this.rules = Analysis.getWordList(env, settings, "synonyms_path", "synonyms", false);
        this.format = settings.get("format", "solr").toLowerCase(Locale.ROOT);
        if (format.equals("solr") == false && format.equals("wordnet") == false) {
            throw new IllegalArgumentException("[synonym_graph] format must be [solr] or [wordnet], got [" + format + "]");
        }
        this.expand = settings.getAsBoolean("expand", true);
        this.lenient = settings.getAsBoolean("lenient", false);
        this.analysisMode = settings.getAsBoolean("updateable", false) ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an analysis chain first");
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return analysisMode;
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        TokenFilterFactory[] synonymChain = previousTokenFilters.stream()
            .map(TokenFilterFactory::getSynonymFilter)
            .toArray(TokenFilterFactory[]::new);
        SynonymMap map;
        try (Analyzer ruleAnalyzer = new CustomAnalyzer(tokenizer, charFilters.toArray(CharFilterFactory[]::new), synonymChain)) {
            map = buildMap(ruleAnalyzer);
        }
        String factoryName = name();
        AnalysisMode mode = analysisMode;
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return factoryName;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                // An empty map would make SynonymGraphFilter throw; no rules means no change.
                return map.fst == null ? tokenStream : new SynonymGraphFilter(tokenStream, map, false);
            }

            @Override
            public TokenFilterFactory getSynonymFilter() {
                // A synonym filter earlier in a chain must not rewrite the rules of a later one.
                return IDENTITY_FILTER;
            }

            @Override
            public AnalysisMode getAnalysisMode() {
                return mode;
            }
        };
    }

    private SynonymMap buildMap(Analyzer analyzer) {
        try {
            SynonymMap.Parser parser = format.equals("wordnet")
                ? new WordnetSynonymParser(true, expand, analyzer)
                : new SolrSynonymParser(true, expand, analyzer);
            if (lenient) {
                // Skip the rules the chain cannot analyse (e.g. a rule made only of stop words) instead of failing the index.
                for (String rule : rules) {
                    try {
                        parser.parse(new StringReader(rule));
                    } catch (ParseException | IllegalArgumentException e) {
                        continue;
                    }
                }
            } else {
                parser.parse(new StringReader(String.join("\n", rules)));
            }
            return parser.build();
        } catch (ParseException e) {
            throw new IllegalArgumentException("failed to build synonyms: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to build synonyms", e);
        }
    }
}
