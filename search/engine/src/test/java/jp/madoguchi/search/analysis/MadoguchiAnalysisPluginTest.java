package jp.madoguchi.search.analysis;

import org.elasticsearch.common.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MadoguchiAnalysisPluginTest {
    private static final String A = "index.analysis.";

    @TempDir
    Path home;

    private List<String> analyze(Settings.Builder analysis, String text) throws IOException {
        try (AnalysisFixture fixture = AnalysisFixture.build(home, analysis.build())) {
            return fixture.tokens("a", text);
        }
    }

    /** An analyzer "a" with the given tokenizer (a registered name or a configured one) and filters. */
    private static Settings.Builder analyzer(String tokenizer, String... filters) {
        return Settings.builder()
            .put(A + "analyzer.a.type", "custom")
            .put(A + "analyzer.a.tokenizer", tokenizer)
            .putList(A + "analyzer.a.filter", filters);
    }

    private static Settings.Builder kuromoji(String... filters) {
        return analyzer("kuromoji_tokenizer", filters);
    }

    @Test
    void registersTheOfficialComponentNames() {
        MadoguchiAnalysisPlugin plugin = new MadoguchiAnalysisPlugin();
        assertEquals(Set.of("icu_normalizer"), plugin.getCharFilters().keySet());
        assertEquals(Set.of("kuromoji_tokenizer", "ngram", "edge_ngram"), plugin.getTokenizers().keySet());
        assertEquals(
            Set.of("kuromoji_baseform", "kuromoji_part_of_speech", "ja_stop", "kuromoji_stemmer", "kuromoji_readingform",
                "cjk_width", "lowercase", "synonym_graph", "edge_ngram"),
            plugin.getTokenFilters().keySet()
        );
    }

    @Test
    void icuNormalizerFoldsWidthAndCaseByDefault() throws IOException {
        Settings.Builder s = kuromoji().putList(A + "analyzer.a.char_filter", "icu_normalizer");
        assertEquals(analyze(s, "クラウドABC"), analyze(kuromoji().putList(A + "analyzer.a.char_filter", "icu_normalizer"), "ｸﾗｳﾄﾞＡＢＣ"));
        assertEquals(List.of("abc"), analyze(analyzer("standard").putList(A + "analyzer.a.char_filter", "icu_normalizer"), "ＡＢＣ"));
    }

    @Test
    void icuNormalizerHonoursNameAndMode() throws IOException {
        Settings.Builder nfc = analyzer("standard")
            .putList(A + "analyzer.a.char_filter", "n")
            .put(A + "char_filter.n.type", "icu_normalizer")
            .put(A + "char_filter.n.name", "nfc");
        assertEquals(List.of("ＡＢＣ"), analyze(nfc, "ＡＢＣ"));

        Settings.Builder decompose = analyzer("standard")
            .putList(A + "analyzer.a.char_filter", "n")
            .put(A + "char_filter.n.type", "icu_normalizer")
            .put(A + "char_filter.n.mode", "decompose");
        assertEquals(List.of("か\u3099"), analyze(decompose, "が"));

        Settings.Builder bad = analyzer("standard")
            .putList(A + "analyzer.a.char_filter", "n")
            .put(A + "char_filter.n.type", "icu_normalizer")
            .put(A + "char_filter.n.name", "nfd_cf");
        assertThrows(IllegalArgumentException.class, () -> analyze(bad, "x"));
    }

    @Test
    void kuromojiTokenizerModes() throws IOException {
        assertEquals(List.of("関西", "関西国際空港", "国際", "空港"), analyze(kuromoji(), "関西国際空港"));
        Settings.Builder normal = analyzer("t").put(A + "tokenizer.t.type", "kuromoji_tokenizer").put(A + "tokenizer.t.mode", "normal");
        assertEquals(List.of("関西国際空港"), analyze(normal, "関西国際空港"));
        Settings.Builder discard = analyzer("t")
            .put(A + "tokenizer.t.type", "kuromoji_tokenizer")
            .put(A + "tokenizer.t.discard_compound_token", true);
        assertEquals(List.of("関西", "国際", "空港"), analyze(discard, "関西国際空港"));
        Settings.Builder bad = analyzer("t").put(A + "tokenizer.t.type", "kuromoji_tokenizer").put(A + "tokenizer.t.mode", "fast");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> analyze(bad, "x")).getMessage().contains("mode"));
    }

    @Test
    void kuromojiTokenizerPunctuationAndUserDictionary() throws IOException {
        assertEquals(List.of("共同", "利用"), analyze(kuromoji(), "共同、利用"));
        Settings.Builder keep = analyzer("t")
            .put(A + "tokenizer.t.type", "kuromoji_tokenizer")
            .put(A + "tokenizer.t.discard_punctuation", false);
        assertEquals(List.of("共同", "、", "利用"), analyze(keep, "共同、利用"));

        Settings.Builder dict = analyzer("t")
            .put(A + "tokenizer.t.type", "kuromoji_tokenizer")
            .putList(A + "tokenizer.t.user_dictionary_rules", "クラウド,クラウド,クラウド,カスタム名詞",
                "ガバメントクラウド,ガバメント クラウド,ガバメント クラウド,カスタム名詞");
        assertEquals(List.of("自治体", "クラウド", "ガバメント", "クラウド"), analyze(dict, "自治体クラウドとガバメントクラウド").stream()
            .filter(t -> t.equals("と") == false).toList());

        Settings.Builder duplicate = analyzer("t")
            .put(A + "tokenizer.t.type", "kuromoji_tokenizer")
            .putList(A + "tokenizer.t.user_dictionary_rules", "クラウド,クラウド,クラウド,カスタム名詞", "クラウド,クラ ウド,クラ ウド,カスタム名詞");
        assertThrows(IllegalArgumentException.class, () -> analyze(duplicate, "x"));
    }

    @Test
    void baseformAndPartOfSpeechDropConjugationAndParticles() throws IOException {
        assertEquals(List.of("飲む"), analyze(kuromoji("kuromoji_baseform", "kuromoji_part_of_speech"), "飲んだ"));
        List<String> tokens = analyze(kuromoji("kuromoji_part_of_speech"), "共同化を推進する");
        assertFalse(tokens.contains("を"), tokens.toString());
        assertTrue(tokens.contains("推進"), tokens.toString());

        Settings.Builder onlyVerbs = kuromoji("p").put(A + "filter.p.type", "kuromoji_part_of_speech").putList(A + "filter.p.stoptags", "動詞-自立");
        List<String> custom = analyze(onlyVerbs, "本を読む");
        assertEquals(List.of("本", "を"), custom);
    }

    @Test
    void jaStopRemovesJapaneseStopWords() throws IOException {
        assertEquals(List.of("計画"), analyze(kuromoji("ja_stop"), "これ計画"));
        Settings.Builder custom = kuromoji("s").put(A + "filter.s.type", "ja_stop").putList(A + "filter.s.stopwords", "_japanese_", "計画");
        assertEquals(List.of(), analyze(custom, "これ計画"));
    }

    @Test
    void stemmerStripsTheLongVowelMark() throws IOException {
        assertEquals(List.of("サーバ"), analyze(kuromoji("kuromoji_stemmer"), "サーバー"));
        Settings.Builder longer = kuromoji("k").put(A + "filter.k.type", "kuromoji_stemmer").put(A + "filter.k.minimum_length", 6);
        assertEquals(List.of("サーバー"), analyze(longer, "サーバー"));
    }

    @Test
    void readingFormGivesKatakanaOrRomaji() throws IOException {
        assertEquals(List.of("トウキョウ"), analyze(kuromoji("kuromoji_readingform"), "東京"));
        Settings.Builder romaji = kuromoji("r").put(A + "filter.r.type", "kuromoji_readingform").put(A + "filter.r.use_romaji", true);
        // Lucene writes modified Hepburn with macrons.
        assertEquals(List.of("tōkyō"), analyze(romaji, "東京"));
    }

    @Test
    void cjkWidthAndLowercase() throws IOException {
        assertEquals(List.of("abc"), analyze(analyzer("standard", "cjk_width", "lowercase"), "ＡＢＣ"));
        assertEquals(List.of("クラウド"), analyze(analyzer("standard", "cjk_width"), "ｸﾗｳﾄﾞ"));
        Settings.Builder turkish = analyzer("standard", "l").put(A + "filter.l.type", "lowercase").put(A + "filter.l.language", "turkish");
        assertEquals(List.of("istanbul"), analyze(turkish, "İSTANBUL"));
    }

    private static Settings.Builder portalSearch(Settings.Builder synonyms) {
        return analyzer("t", "kuromoji_baseform", "kuromoji_part_of_speech", "cjk_width", "ja_stop", "kuromoji_stemmer", "lowercase", "syn")
            .putList(A + "analyzer.a.char_filter", "icu_normalizer")
            .put(A + "tokenizer.t.type", "kuromoji_tokenizer")
            .put(A + "tokenizer.t.discard_compound_token", true)
            .putList(A + "tokenizer.t.user_dictionary_rules", "ガバメントクラウド,ガバメント クラウド,ガバメント クラウド,カスタム名詞",
                "ガバクラ,ガバクラ,ガバクラ,カスタム名詞", "クラウド,クラウド,クラウド,カスタム名詞")
            .put(A + "filter.syn.type", "synonym_graph")
            .put(synonyms.build());
    }

    @Test
    void synonymGraphParsesRulesThroughThePrecedingChain() throws IOException {
        Settings.Builder s = portalSearch(Settings.builder().putList(A + "filter.syn.synonyms", "ガバクラ, ガバメントクラウド", "BCP, 業務継続計画"));
        try (AnalysisFixture fixture = AnalysisFixture.build(home, s.build())) {
            List<String> expected = List.of("ガバクラ@0", "ガバメント@0", "クラウド@1");
            assertEquals(expected, fixture.positions("a", "ガバクラ").stream().sorted().toList());
            assertEquals(expected, fixture.positions("a", "ｶﾞﾊﾞﾒﾝﾄｸﾗｳﾄﾞ").stream().sorted().toList());
            // "BCP" reaches the rule as "bcp" because lowercase precedes the synonym filter in the chain.
            assertTrue(fixture.tokens("a", "ＢＣＰ").containsAll(List.of("bcp", "業務", "継続", "計画")));
        }
    }

    @Test
    void synonymGraphReadsSynonymsPathFromTheConfigDirectory() throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/synonyms.txt"), "# comment\n共同化, 共同利用\n");
        Settings.Builder s = portalSearch(Settings.builder().put(A + "filter.syn.synonyms_path", "synonyms.txt"));
        try (AnalysisFixture fixture = AnalysisFixture.build(home, s.build())) {
            assertTrue(fixture.tokens("a", "共同利用").containsAll(List.of("共同", "化", "利用")));
        }
    }

    @Test
    void synonymGraphRejectsBadRulesUnlessLenient() throws IOException {
        Settings.Builder strict = portalSearch(Settings.builder().putList(A + "filter.syn.synonyms", "これ, それ", "共同化, 共同利用"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> AnalysisFixture.build(home, strict.build()).close());
        assertTrue(e.getMessage().contains("synonyms"), e.getMessage());

        Settings.Builder lenient = portalSearch(
            Settings.builder().putList(A + "filter.syn.synonyms", "これ, それ", "共同化, 共同利用").put(A + "filter.syn.lenient", true)
        );
        try (AnalysisFixture fixture = AnalysisFixture.build(home, lenient.build())) {
            assertTrue(fixture.tokens("a", "共同利用").contains("化"));
        }

        Settings.Builder missing = analyzer("standard", "syn").put(A + "filter.syn.type", "synonym_graph");
        assertThrows(IllegalArgumentException.class, () -> analyze(missing, "x"));
    }

    @Test
    void edgeNGramFilterBuildsPrefixes() throws IOException {
        Settings.Builder s = analyzer("standard", "e").put(A + "filter.e.type", "edge_ngram").put(A + "filter.e.max_gram", 3);
        assertEquals(List.of("ク", "クラ", "クラウ"), analyze(s, "クラウド"));
        Settings.Builder keep = analyzer("standard", "e")
            .put(A + "filter.e.type", "edge_ngram")
            .put(A + "filter.e.max_gram", 2)
            .put(A + "filter.e.preserve_original", true);
        assertEquals(List.of("ク", "クラ", "クラウド"), analyze(keep, "クラウド"));
    }

    @Test
    void ngramTokenizerHonoursGramsTokenCharsAndTheDiffLimit() throws IOException {
        assertEquals(List.of("共", "共同", "同"), analyze(analyzer("ngram"), "共同"));
        Settings.Builder letters = analyzer("n")
            .put(A + "tokenizer.n.type", "ngram")
            .put(A + "tokenizer.n.min_gram", 2)
            .put(A + "tokenizer.n.max_gram", 2)
            .putList(A + "tokenizer.n.token_chars", "letter");
        assertEquals(List.of("共同", "利用"), analyze(letters, "共同 利用"));
        Settings.Builder wide = analyzer("n").put(A + "tokenizer.n.type", "ngram").put(A + "tokenizer.n.min_gram", 1).put(A + "tokenizer.n.max_gram", 5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> analyze(wide, "x")).getMessage().contains("index.max_ngram_diff"));
        Settings.Builder unknown = analyzer("n").put(A + "tokenizer.n.type", "ngram").putList(A + "tokenizer.n.token_chars", "kanji");
        assertThrows(IllegalArgumentException.class, () -> analyze(unknown, "x"));
    }

    @Test
    void edgeNGramTokenizerBuildsPrefixesPerWord() throws IOException {
        Settings.Builder s = analyzer("e")
            .put(A + "tokenizer.e.type", "edge_ngram")
            .put(A + "tokenizer.e.min_gram", 1)
            .put(A + "tokenizer.e.max_gram", 3)
            .putList(A + "tokenizer.e.token_chars", "letter", "digit");
        assertEquals(List.of("ク", "クラ", "クラウ", "5", "5g"), analyze(s, "クラウド 5G").stream().map(String::toLowerCase).toList());
    }

    @Test
    void portalIndexChainKeepsContentWordsOnly() throws IOException {
        Settings.Builder s = analyzer("t", "kuromoji_baseform", "kuromoji_part_of_speech", "cjk_width", "ja_stop", "kuromoji_stemmer", "lowercase")
            .putList(A + "analyzer.a.char_filter", "icu_normalizer")
            .put(A + "tokenizer.t.type", "kuromoji_tokenizer")
            .putList(A + "tokenizer.t.user_dictionary_rules", "クラウド,クラウド,クラウド,カスタム名詞");
        List<String> tokens = analyze(s, "自治体クラウドの共同化を推進する");
        assertTrue(tokens.containsAll(List.of("自治体", "クラウド", "共同", "推進")), tokens.toString());
        assertFalse(tokens.contains("の") || tokens.contains("を") || tokens.contains("する"), tokens.toString());
    }
}
