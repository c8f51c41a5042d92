package jp.madoguchi.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.index.analysis.IndexAnalyzers;
import org.elasticsearch.indices.analysis.AnalysisModule;
import org.elasticsearch.plugins.scanners.StablePluginsRegistry;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds analyzers from index settings exactly as a node does (AnalysisModule → AnalysisRegistry → IndexAnalyzers),
 * so the tests cover the registered names and Elasticsearch's chain handling, not just the Lucene classes.
 */
final class AnalysisFixture implements AutoCloseable {
    static {
        // Elasticsearch classes log from static initialisers; a node sets this up in its launcher.
        LogConfigurator.configureWithoutConfig(Settings.EMPTY);
    }

    private final IndexAnalyzers analyzers;

    private AnalysisFixture(IndexAnalyzers analyzers) {
        this.analyzers = analyzers;
    }

    /** {@code analysis} holds full index setting keys ({@code index.analysis.analyzer.a.tokenizer}, ...). */
    static AnalysisFixture build(Path home, Settings analysis) throws IOException {
        Files.createDirectories(home.resolve("config"));
        Environment env = new Environment(Settings.builder().put("path.home", home.toString()).build(), home.resolve("config"));
        AnalysisModule module = new AnalysisModule(env, List.of(new MadoguchiAnalysisPlugin()), new StablePluginsRegistry());
        Settings indexSettings = Settings.builder()
            .put(IndexMetadata.SETTING_VERSION_CREATED, IndexVersion.current())
            .put(IndexMetadata.SETTING_NUMBER_OF_SHARDS, 1)
            .put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0)
            .put(analysis)
            .build();
        IndexMetadata metadata = IndexMetadata.builder("test").settings(indexSettings).build();
        IndexAnalyzers built = module.getAnalysisRegistry()
            .build(IndexCreationContext.CREATE_INDEX, new IndexSettings(metadata, Settings.EMPTY));
        return new AnalysisFixture(built);
    }

    List<String> tokens(String analyzer, String text) {
        return terms(analyzers.get(analyzer), text);
    }

    /** Each token as {@code term@position}, to check that synonyms stack on the same position. */
    List<String> positions(String analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzers.get(analyzer).tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += inc.getPositionIncrement();
                out.add(term + "@" + position);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String read(Reader reader) {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[256];
        try (reader) {
            for (int n = reader.read(buffer); n != -1; n = reader.read(buffer)) {
                out.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static StringReader text(String s) {
        return new StringReader(s);
    }

    @Override
    public void close() throws IOException {
        analyzers.close();
    }
}
