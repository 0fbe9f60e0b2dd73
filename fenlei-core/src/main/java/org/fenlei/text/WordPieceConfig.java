package org.fenlei.text;

/**
 * How a BERT-family encoder's WordPiece tokeniser reads text, as its {@code tokenizer.json} says (Hugging Face
 * tokenizers' BertNormalizer, BertPreTokenizer and WordPiece model). Stored in the model file.
 *
 * @param lowercase         case folding (uncased models)
 * @param stripAccents      accents removed after canonical decomposition
 * @param chineseCharacters each CJK ideograph is a word of its own
 * @param prefix            the mark of a piece that continues a word, {@code ##}
 * @param maxWordChars      a longer word is one unknown token
 */
public record WordPieceConfig(boolean lowercase, boolean stripAccents, boolean chineseCharacters, String prefix,
                              int maxWordChars) {
    /** BERT's special tokens; the vocabulary holds them. */
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";

    public WordPieceConfig {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("a WordPiece continuation prefix must not be empty");
        }
        if (maxWordChars < 1) {
            throw new IllegalArgumentException("maxWordChars must be >= 1, was " + maxWordChars);
        }
    }
}
