package jp.madoguchi.search.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

import java.util.function.UnaryOperator;

/** A parameterless filter over one Lucene class; {@code normalizing} filters also apply to keyword normalizers. */
final class SimpleTokenFilterFactory implements NormalizingTokenFilterFactory {
    private final String name;
    private final UnaryOperator<TokenStream> filter;
    private final boolean normalizing;

    SimpleTokenFilterFactory(String name, UnaryOperator<TokenStream> filter, boolean normalizing) {
        this.name = name;
        this.filter = filter;
        this.normalizing = normalizing;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return normalizing ? create(tokenStream) : tokenStream;
    }
}
