package org.fenlei.cli;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quickstart's download path, against an HTTP server on loopback serving a miniature aclImdb archive. */
class QuickstartTest {
    @TempDir
    Path dir;

    private static byte[] miniImdb() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            int id = 0;
            for (String split : List.of("train", "test")) {
                for (String label : List.of("pos", "neg")) {
                    for (int i = 0; i < 60; i++) {
                        String text = label.equals("pos") ? "A wonderful, brilliant film.<br />Loved it " + i
                                : "An awful, boring film.<br />Hated it " + i;
                        byte[] b = text.getBytes(StandardCharsets.UTF_8);
                        TarArchiveEntry e = new TarArchiveEntry("aclImdb/" + split + "/" + label + "/" + id++ + "_7.txt");
                        e.setSize(b.length);
                        tar.putArchiveEntry(e);
                        tar.write(b);
                        tar.closeArchiveEntry();
                    }
                }
            }
            TarArchiveEntry readme = new TarArchiveEntry("aclImdb/README");
            readme.setSize(2);
            tar.putArchiveEntry(readme);
            tar.write("hi".getBytes(StandardCharsets.UTF_8));
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void downloadsConvertsTrainsAndPredicts() throws IOException {
        byte[] archive = miniImdb();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/aclImdb_v1.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, archive.length);
            exchange.getResponseBody().write(archive);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/aclImdb_v1.tar.gz";
            Path cache = dir.resolve("cache");
            CliTest.Result r = CliTest.run("quickstart", "--cache-dir", cache.toString(), "--download-url", url,
                    "-o", dir.resolve("q.fenlei").toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("accuracy"), r.out());
            assertTrue(Files.exists(dir.resolve("q.fenlei")));
            if (System.getenv("FENLEI_DATA") != null) {
                // with FENLEI_DATA set, quickstart trained on it instead of downloading: check the downloader alone
                new DatasetDownloader().download("imdb", url, cache.resolve("imdb"));
            }
            List<String> train = Files.readAllLines(cache.resolve("imdb/train.csv"));
            assertEquals("label,text", train.get(0));
            assertEquals(121, train.size());
            assertTrue(train.get(1).startsWith("pos,\"A wonderful, brilliant film.<br />Loved it"), train.get(1));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpErrorsAreReported() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/missing.tar.gz";
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> new DatasetDownloader().download("imdb", url, dir));
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutNetworkTheErrorNamesTheAddressTheReasonAndTheOfflineWay() throws IOException {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/aclImdb_v1.tar.gz";
        DownloadException e = org.junit.jupiter.api.Assertions.assertThrows(DownloadException.class,
                () -> new DatasetDownloader().download("imdb", url, dir));
        String message = Main.describe(e);
        assertTrue(message.startsWith("could not download imdb from " + url + ": ConnectException"), message);
        assertTrue(message.contains("no network") && message.contains("--data-dir DIR")
                && message.contains("FENLEI_DATA=DIR"), message);
    }
}
