package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@link PluginsService} whose plugins are classes already on the JVM's classpath rather than bundles under
 * {@code plugins/}: Maven puts transport-netty4 and our analysis plugin on the classpath, and there is no plugin
 * directory to scan. It lives in this package because {@link PluginsService.LoadedPlugin} and
 * {@link PluginsService#loadPlugin} are package-private.
 */
public final class ClasspathPluginsService extends PluginsService {
    private final List<LoadedPlugin> classpathPlugins;
    private final PluginsAndModules info;

    public ClasspathPluginsService(Settings settings, Path configPath, PluginsLoader emptyLoader, List<Class<? extends Plugin>> classes) {
        super(settings, configPath, emptyLoader);
        ClassLoader loader = ClasspathPluginsService.class.getClassLoader();
        this.classpathPlugins = classes.stream().map(c -> new LoadedPlugin(describe(c), loadPlugin(c, settings, configPath), loader)).toList();
        List<PluginRuntimeInfo> runtimeInfos = classpathPlugins.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList();
        this.info = new PluginsAndModules(runtimeInfos, List.of());
    }

    private static PluginDescriptor describe(Class<? extends Plugin> pluginClass) {
        String version = Build.current().version();
        return new PluginDescriptor(
            pluginClass.getSimpleName(),
            "loaded from the classpath",
            version,
            version,
            Runtime.version().toString(),
            pluginClass.getName(),
            null,
            List.of(),
            false,
            false,
            false,
            false
        );
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return info;
    }
}
