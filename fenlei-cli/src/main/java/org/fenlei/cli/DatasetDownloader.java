package org.fenlei.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.fenlei.model.AtomicFile;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fetches a public dataset into a cache folder as {@code train.csv} and {@code test.csv} (header label,text),
 * the layout of {@code $FENLEI_DATA}. Files appear atomically, so an interrupted download is simply redone.
 */
final class DatasetDownloader {
    /** The Large Movie Review Dataset (Maas et al. 2011), from its authors' page. */
    static final String IMDB_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz";
    /** The TREC question classification set (Li &amp; Roth 2002), from its authors' page. */
    static final String TREC_URL = "https://cogcomp.seas.upenn.edu/Data/QA/QC/";

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    record Row(String label, String text) {
    }

    /**
     * Downloads {@code dataset} (imdb or trec) from {@code baseUrl} (null: the public address) into {@code dir}.
     *
     * @throws DownloadException naming the address, the reason, and the offline way to give the data
     */
    void download(String dataset, String baseUrl, Path dir) throws IOException, InterruptedException {
        String url = baseUrl != null ? baseUrl : dataset.equals("trec") ? TREC_URL : IMDB_URL;
        try {
            switch (dataset) {
                case "imdb" -> downloadImdb(url, dir);
                case "trec" -> downloadTrec(url, dir);
                default -> throw new IllegalArgumentException("unknown dataset '" + dataset + "'; use imdb or trec");
            }
        } catch (IOException e) {
            String why = e instanceof DownloadException ? e.getMessage() : e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new DownloadException(String.format(Locale.ROOT, "could not download %s from %s: %s%s. Without "
                    + "the network: put train.csv and test.csv (header label,text) in DIR/%s and run with --data-dir "
                    + "DIR, or set FENLEI_DATA=DIR", dataset, url, why, hint(e), dataset), e);
        }
    }

    /** What an exception of the HTTP client means to a user. */
    private static String hint(IOException e) {
        if (e instanceof java.net.ConnectException || e.getCause() instanceof java.nio.channels.UnresolvedAddressException
                || e instanceof java.net.UnknownHostException) {
            return " (no network, the host name does not resolve, or the host refused the connection)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return " (the host did not answer in time)";
        }
        return "";
    }

    private InputStream get(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new DownloadException("HTTP " + response.statusCode() + " for " + url, null);
        }
        return new BufferedInputStream(response.body(), 1 << 16);
    }

    private void downloadImdb(String url, Path dir) throws IOException, InterruptedException {
        List<Row> train = new ArrayList<>();
        List<Row> test = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(get(url)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                // aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt; unsup/ has no labels
                String[] parts = e.getName().split("/");
                if (e.isDirectory() || parts.length != 4 || !parts[3].endsWith(".txt")) {
                    continue;
                }
                String label = parts[2];
                if (!label.equals("pos") && !label.equals("neg")) {
                    continue;
                }
                String text = new String(tar.readAllBytes(), StandardCharsets.UTF_8).strip();
                (parts[1].equals("train") ? train : test).add(new Row(label, text));
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IOException(url + ": archive holds no aclImdb/{train,test}/{pos,neg}/*.txt reviews");
        }
        writeCsv(dir.resolve("train.csv"), train);
        writeCsv(dir.resolve("test.csv"), test);
    }

    private void downloadTrec(String baseUrl, Path dir) throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        writeCsv(dir.resolve("train.csv"), readTrec(base + "train_5500.label"));
        writeCsv(dir.resolve("test.csv"), readTrec(base + "TREC_10.label"));
    }

    /** Lines "DESC:manner How did serfdom develop ... ?" in ISO-8859-1; the coarse class is the label. */
    private List<Row> readTrec(String url) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(get(url), StandardCharsets.ISO_8859_1))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int colon = line.indexOf(':');
                int space = line.indexOf(' ');
                if (colon < 1 || space < colon) {
                    continue;
                }
                rows.add(new Row(line.substring(0, colon).toUpperCase(Locale.ROOT), line.substring(space + 1).strip()));
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(url + ": no labeled questions found");
        }
        return rows;
    }

    private static void writeCsv(Path path, List<Row> rows) throws IOException {
        StringWriter buffer = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(buffer)) {
            csv.writeRecord("label", "text");
            for (Row r : rows) {
                csv.writeRecord(r.label(), r.text());
            }
        }
        Files.createDirectories(path.getParent());
        AtomicFile.write(path, buffer.toString().getBytes(StandardCharsets.UTF_8));
    }
}
