package org.fenlei.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/**
 * The column parameters the estimator and its model share, with Spark ML's names and defaults ({@code text},
 * {@code label}, {@code prediction}, {@code probability}) and {@code predictedLabel} for the label itself.
 */
interface FenleiParams extends Params {
    Param<String> textCol();

    Param<String> predictionCol();

    Param<String> probabilityCol();

    Param<String> predictedLabelCol();

    /** Refuses a schema without the text column, or with it of another type than string; names the columns. */
    static void requireText(StructType schema, String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("no column '" + column + "' in the data; its columns: "
                    + Arrays.toString(schema.fieldNames()) + " (set the text column with setTextCol)");
        }
        StructField field = schema.apply(column);
        if (!field.dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("column '" + column + "' holds " + field.dataType().simpleString()
                    + ", not the string text Fenlei classifies");
        }
    }
}
