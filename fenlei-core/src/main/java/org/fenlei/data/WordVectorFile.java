package org.fenlei.data;

import org.fenlei.text.Vocabulary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.io.InputStreamReader;

/**
 * Pretrained word vectors in the text format fastText ({@code .vec}), word2vec and GloVe write: one word per
 * line followed by its values, separated by spaces, with an optional first line "count dimension" (GloVe has
 * none). Only the words of a vocabulary are kept; matching is exact, so vectors and vocabulary must agree on case.
 */
public final class WordVectorFile {
    private WordVectorFile() {
    }

    /**
     * Copies the vector of every vocabulary word the file holds into row {@code id} of {@code table} (rows of
     * {@code dim} values); the unknown-word row is left alone.
     *
     * @return how many vocabulary words had a vector
     * @throws DataException at the first line whose dimension differs from {@code dim} or that does not parse,
     *                       and when no vocabulary word has a vector
     */
    public static int load(Path file, Vocabulary vocabulary, float[] table, int dim) {
        String source = file.toString();
        int found = 0;
        boolean[] seen = new boolean[vocabulary.size()];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)), 1 << 16)) {
            long lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                String[] fields = line.trim().split(" +");
                if (lineNumber == 1 && fields.length == 2 && isInteger(fields[0]) && isInteger(fields[1])) {
                    int declared = Integer.parseInt(fields[1]);
                    if (declared != dim) {
                        throw new DataException(source, 1, "the vectors have " + declared + " dimensions, the "
                                + "model's embeddings " + dim, "train with --dim " + declared);
                    }
                    continue;
                }
                if (fields.length == 1 && fields[0].isEmpty()) {
                    continue;
                }
                if (fields.length != dim + 1) {
                    throw new DataException(source, lineNumber, "a word and " + (fields.length - 1) + " values, the "
                            + "model's embeddings have " + dim, "give vectors of --dim values, one word a line");
                }
                int id = vocabulary.id(fields[0]);
                if (id == Vocabulary.OOV_ID || seen[id]) {
                    continue;
                }
                int row = id * dim;
                for (int c = 0; c < dim; c++) {
                    try {
                        table[row + c] = Float.parseFloat(fields[c + 1]);
                    } catch (NumberFormatException e) {
                        throw new DataException(source, lineNumber, "value " + (c + 1) + " of '" + fields[0]
                                + "' is not a number: '" + fields[c + 1] + "'", "the file must hold numbers only");
                    }
                }
                seen[id] = true;
                found++;
            }
        } catch (NoSuchFileException e) {
            throw new DataException(source, 0, "file not found", "give the path of a .vec or GloVe .txt file");
        } catch (CharacterCodingException e) {
            throw new DataException(source, 0, "not UTF-8", "convert the vectors to UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found == 0) {
            throw new DataException(source, 0, "none of its words is in the vocabulary",
                    "the vectors and the text must agree on case and language (Fenlei lowercases unless --no-lowercase)");
        }
        return found;
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
