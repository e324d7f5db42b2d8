using System.Text.Json;
using ReviewBot.Ranking.Features;

namespace ReviewBot.Ranking.Training;

/// <summary>
/// Writes each usable pair's feature vectors as JSONL, for training a reward model with other tools:
/// <c>{"id", "group", "weight", "chosen": [F floats], "rejected": [F floats]}</c> per line, in input order.
/// </summary>
public static class PairFeatureExport
{
    /// <summary>Writes every usable pair of <paramref name="pairsFile"/>; returns the dataset for its counts and bad lines.</summary>
    public static PairDataset Write(byte[] pairsFile, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var dataset = PairDataset.Load(pairsFile);
        var dense = new float[CritiqueFeatureExtractor.Dimension];
        foreach (var pair in dataset.Examples)
        {
            using (var json = new Utf8JsonWriter(output))
            {
                json.WriteStartObject();
                json.WriteString("id", pair.Id);
                json.WriteString("group", pair.Group);
                json.WriteNumber("weight", pair.Weight);
                WriteVector(json, "chosen", pair.Chosen, dense);
                WriteVector(json, "rejected", pair.Rejected, dense);
                json.WriteEndObject();
            }

            output.WriteByte((byte)'\n');
        }

        return dataset;
    }

    private static void WriteVector(Utf8JsonWriter json, string name, SparseVector vector, float[] dense)
    {
        Array.Clear(dense);
        for (var k = 0; k < vector.Indices.Length; k++)
        {
            dense[vector.Indices[k]] = vector.Values[k];
        }

        json.WriteStartArray(name);
        foreach (var value in dense)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }
}
