package org.elasticsearch.node;

import jp.madoguchi.search.analysis.MadoguchiAnalysisPlugin;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.cluster.ClusterName;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts a single-node Elasticsearch from the jars Maven put on the classpath, for development and CI.
 *
 * <p>The official distribution's bootstrap (CLI, entitlement agent, jar-hell and bootstrap checks, plugin bundles
 * under {@code plugins/}) needs files that are not on Maven Central. This launcher does the part a loopback-only
 * development node needs: settings, logging, a {@link PluginsService} over classpath plugins, start, and a clean
 * close on SIGTERM. It is in {@code org.elasticsearch.node} because {@link NodeConstruction#prepareConstruction},
 * {@link NodeServiceProvider} and the {@code Node(NodeConstruction)} constructor are package-private.
 *
 * <p>Arguments are {@code -Ename=value} node settings, as with {@code bin/elasticsearch}; {@code path.home} is required.
 */
public final class LocalNode extends Node {
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, MadoguchiAnalysisPlugin.class);

    private LocalNode(NodeConstruction construction) {
        super(construction);
    }

    public static void main(String[] args) {
        Settings settings;
        Environment environment;
        try {
            settings = nodeSettings(args);
            environment = prepareFilesystem(settings);
            LogConfigurator.registerErrorListener();
            LogConfigurator.setClusterName(ClusterName.CLUSTER_NAME_SETTING.get(settings).value());
            LogConfigurator.setNodeName(NODE_NAME_SETTING.get(settings));
            LogConfigurator.configure(environment, false);
        } catch (Exception e) {
            // Logging is not up yet: stderr is all there is, and the run script puts it in the log directory.
            System.err.println("madoguchi node: cannot prepare the node: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }

        Logger logger = LogManager.getLogger(LocalNode.class);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> logger.error("uncaught exception in thread [" + thread.getName() + "]", e));
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            // No bundles and no module layers: the server runs in the unnamed module, so there are no qualified exports to add.
            PluginsLoader noBundles = PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false);
            LocalNode node = new LocalNode(
                NodeConstruction.prepareConstruction(environment, noBundles, new ClasspathServiceProvider(PLUGINS), true)
            );
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(node, logger, stopped), "madoguchi-node-shutdown"));
            node.start();
            logger.info("madoguchi node ready on http://{}:{}", settings.get("network.host"), settings.get("http.port"));
        } catch (Throwable e) {
            logger.error("node failed to start", e);
            System.err.println("madoguchi node: failed to start: " + e);
            Configurator.shutdown((LoggerContext) LogManager.getContext(false));
            System.exit(1);
        }
        // Every node thread is a daemon thread: keep the JVM alive until the shutdown hook has closed the node.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Settings nodeSettings(String[] args) {
        Settings.Builder given = Settings.builder();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("-E") == false || eq < 3) {
                throw new IllegalArgumentException("expected -Ename=value, got [" + arg + "]");
            }
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Settings explicit = given.build();
        String home = explicit.get(Environment.PATH_HOME_SETTING.getKey());
        if (home == null) {
            throw new IllegalArgumentException("-Epath.home=<dir> is required");
        }
        Path homePath = Path.of(home).toAbsolutePath();
        String port = explicit.get("http.port", "9200");
        return Settings.builder()
            .put("cluster.name", "madoguchi-local")
            .put("node.name", "madoguchi-" + port)
            .put("http.port", port)
            // Loopback only: bootstrap checks are enforced only on non-loopback nodes, and this node has no security.
            .put("network.host", "127.0.0.1")
            .put("discovery.type", "single-node")
            // A small development heap would otherwise trip the real-memory breaker during bulk indexing.
            .put("indices.breaker.total.use_real_memory", false)
            // A nearly full developer disk must not turn test indices read-only or leave shards unassigned.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put(Environment.PATH_DATA_SETTING.getKey(), homePath.resolve("data").toString())
            .put(Environment.PATH_LOGS_SETTING.getKey(), homePath.resolve("logs").toString())
            .put(explicit)
            .put(Environment.PATH_HOME_SETTING.getKey(), homePath.toString())
            .build();
    }

    private static Environment prepareFilesystem(Settings settings) throws IOException {
        Path home = Path.of(settings.get(Environment.PATH_HOME_SETTING.getKey()));
        Path config = home.resolve("config");
        Files.createDirectories(config);
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(home.resolve("modules"));
        Files.createDirectories(Path.of(settings.get(Environment.PATH_LOGS_SETTING.getKey())));
        // Rewritten on every start so a changed logging setup reaches existing var/ directories.
        try (InputStream log4j = LocalNode.class.getResourceAsStream("/madoguchi-log4j2.properties")) {
            if (log4j == null) {
                throw new IOException("madoguchi-log4j2.properties missing from the classpath");
            }
            Files.copy(log4j, config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        return new Environment(settings, config);
    }

    private static void shutdown(LocalNode node, Logger logger, CountDownLatch stopped) {
        try {
            node.prepareForClose();
            node.close();
            if (node.awaitClose(10, TimeUnit.SECONDS) == false) {
                logger.warn("node did not stop within 10 seconds; outstanding requests were dropped");
            }
            logger.info("madoguchi node stopped");
        } catch (IOException e) {
            logger.error("failure while closing the node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Configurator.shutdown((LoggerContext) LogManager.getContext(false));
            stopped.countDown();
        }
    }

    /** Supplies the classpath plugins where the distribution would scan plugin bundles. */
    private static final class ClasspathServiceProvider extends NodeServiceProvider {
        private final List<Class<? extends Plugin>> plugins;

        ClasspathServiceProvider(List<Class<? extends Plugin>> plugins) {
            this.plugins = plugins;
        }

        @Override
        PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
            return new ClasspathPluginsService(environment.settings(), environment.configDir(), pluginsLoader, plugins);
        }
    }
}
