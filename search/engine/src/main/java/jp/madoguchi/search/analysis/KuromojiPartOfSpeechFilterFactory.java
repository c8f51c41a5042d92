package jp.madoguchi.search.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code kuromoji_part_of_speech}: drops tokens whose part of speech is in {@code stoptags} (default: Lucene's list, particles etc.). */
final class KuromojiPartOfSpeechFilterFactory extends AbstractTokenFilterFactory {
    private final Set<String> stopTags;

    KuromojiPartOfSpeechFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        List<String> tags = Analysis.getWordList(env, settings, "stoptags");
        this.stopTags = tags == null ? JapaneseAnalyzer.getDefaultStopTags() : new HashSet<>(tags);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new JapanesePartOfSpeechStopFilter(tokenStream, stopTags);
    }
}
