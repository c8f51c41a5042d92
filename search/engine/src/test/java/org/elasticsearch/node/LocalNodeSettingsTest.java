package org.elasticsearch.node;

import org.elasticsearch.common.settings.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalNodeSettingsTest {

    @Test
    void defaultsMakeALoopbackSingleNodeUnderHome() {
        Settings settings = LocalNode.nodeSettings(new String[] { "-Epath.home=/tmp/es-home" });

        assertEquals("127.0.0.1", settings.get("network.host"));
        assertEquals("single-node", settings.get("discovery.type"));
        assertEquals("9200", settings.get("http.port"));
        assertEquals("madoguchi-9200", settings.get("node.name"));
        assertEquals("false", settings.get("indices.breaker.total.use_real_memory"));
        assertEquals(Path.of("/tmp/es-home/data").toString(), settings.get("path.data"));
        assertEquals(Path.of("/tmp/es-home/logs").toString(), settings.get("path.logs"));
    }

    @Test
    void explicitSettingsWin() {
        Settings settings = LocalNode.nodeSettings(
            new String[] { "-Epath.home=/tmp/es-home", "-Ehttp.port=9299", "-Ecluster.name=other", "-Epath.data=/tmp/elsewhere" }
        );

        assertEquals("9299", settings.get("http.port"));
        assertEquals("madoguchi-9299", settings.get("node.name"));
        assertEquals("other", settings.get("cluster.name"));
        assertEquals("/tmp/elsewhere", settings.get("path.data"));
    }

    @Test
    void relativeHomeBecomesAbsolute() {
        Settings settings = LocalNode.nodeSettings(new String[] { "-Epath.home=var/node" });

        assertEquals(Path.of("var/node").toAbsolutePath().toString(), settings.get("path.home"));
    }

    @Test
    void rejectsMissingHomeAndMalformedArguments() {
        assertThrows(IllegalArgumentException.class, () -> LocalNode.nodeSettings(new String[] { "-Ehttp.port=9200" }));
        assertThrows(IllegalArgumentException.class, () -> LocalNode.nodeSettings(new String[] { "--port", "9200" }));
        assertThrows(IllegalArgumentException.class, () -> LocalNode.nodeSettings(new String[] { "-E=x" }));
    }
}
