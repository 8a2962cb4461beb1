import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * A Neo4j Community DBMS for graphkit's development and CI, embedded in a
 * plain JVM and served over Bolt on loopback only (no HTTP).
 *
 * Usage: java -cp CLASSPATH GraphkitNeo4j HOME_DIR BOLT_PORT [LOGS_DIR]
 *
 * Data lives under HOME_DIR/data, plugins (APOC) under HOME_DIR/plugins,
 * logs under LOGS_DIR (default HOME_DIR/logs). Prints one line starting
 * with "graphkit-neo4j ready" once Bolt accepts connections, then runs until
 * SIGTERM/SIGINT, when a shutdown hook shuts the DBMS down cleanly.
 *
 * System property graphkit.neo4j.pagecache.mb sets the page cache (default 512).
 */
public final class GraphkitNeo4j {

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: GraphkitNeo4j HOME_DIR BOLT_PORT [LOGS_DIR]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        int port = Integer.parseInt(args[1]);
        Path logs = args.length == 3
                ? Path.of(args[2]).toAbsolutePath().normalize()
                : home.resolve("logs");
        Path plugins = home.resolve("plugins");
        Files.createDirectories(home);
        Files.createDirectories(logs);
        Files.createDirectories(plugins);
        Files.createDirectories(home.resolve("import"));
        long pagecacheMb = Long.getLong("graphkit.neo4j.pagecache.mb", 512L);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.logs_directory, logs)
                .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMb))
                // LOAD CSV may not read the machine's files (file:///proc/self/environ, /etc/shadow):
                // file URLs are refused, and their root is an empty import folder besides
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, home.resolve("import"))
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                .setConfig(GraphDatabaseSettings.procedure_allowlist, List.of("apoc.*"))
                // no 256 MB preallocated transaction log files on dev/CI disks
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(10))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("graphkit-neo4j shutting down");
            System.out.flush();
            try {
                dbms.shutdown();
                System.out.println("graphkit-neo4j stopped");
            } catch (Throwable e) {
                System.err.println("graphkit-neo4j: error during shutdown: " + e);
            } finally {
                System.out.flush();
                stopped.countDown();
            }
        }, "graphkit-neo4j-shutdown"));

        // Bolt is up once build() returns; wait for the default database too.
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofSeconds(120).toMillis())) {
            System.err.println("graphkit-neo4j: default database did not become available");
            System.exit(1);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("graphkit-neo4j ready bolt://127.0.0.1:" + port
                + " home=" + home + " (" + ms + " ms)");
        System.out.flush();

        stopped.await();
    }
}
