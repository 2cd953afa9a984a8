using System.Text.Json.Nodes;
using VoiceGrains.Speech.Models;

namespace VoiceGrains.Speech.Tests;

/// <summary>
/// The weightless Piper stub (tests/models.test.json: 256 samples of a tone per phoneme id, amplitude id/200) and its
/// config, real Piper's test-voice config; copies of either can be changed in a folder of the test's own.
/// </summary>
sealed class PiperStub : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("voicegrains-piper").FullName;

    public static string Model => ModelStore.Default().Require(TestModels.Get("piper:test-stub"));

    public static string Config => ModelStore.Default().Require(TestModels.Get("piper:test-stub.onnx.json"));

    public static JsonObject ConfigJson() => JsonNode.Parse(File.ReadAllText(Config))!.AsObject();

    /// <summary>A copy of the config changed by <paramref name="change"/>.</summary>
    public string ConfigWith(Action<JsonObject> change)
    {
        var json = ConfigJson();
        change(json);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.onnx.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>A file of the given bytes beside the copies.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// A copy of the stub that takes Piper's speaker input (<c>sid</c> int64 [1]) as a voice of several speakers does,
    /// and adds the speaker id to every sample, so a test sees which speaker spoke. Written into the ONNX protobuf
    /// (onnx/onnx.proto: ModelProto field 7 the graph; GraphProto field 1 nodes, 11 inputs) since no ONNX writer is at
    /// hand in .NET and Debian's python3-onnx is not installed here: the last node's output is renamed (same length,
    /// so no length changes), then Cast(sid) and Add(renamed, sid) make the graph's output again.
    /// </summary>
    public string ModelWithSpeakerInput()
    {
        byte[] dimension = [0x08, 0x01];                                             // dim_value 1
        var shape = Field(1, dimension);                                             // TensorShapeProto.dim
        var tensor = Concat([0x08, 0x07], Field(2, shape));                          // elem_type INT64, shape
        var type = Field(1, tensor);                                                 // TypeProto.tensor_type
        var input = Concat(Field(1, "sid"u8.ToArray()), Field(2, type));             // ValueInfoProto name, type
        var toFloat = Concat(Field(1, "to"u8.ToArray()), [0x18, 0x01, 0xA0, 0x01, 0x02]);   // AttributeProto to = FLOAT, type INT
        var cast = Concat(Field(1, "sid"u8.ToArray()), Field(2, "sidf"u8.ToArray()), Field(4, "Cast"u8.ToArray()), Field(5, toFloat));
        var add = Concat(Field(1, "outpux"u8.ToArray()), Field(1, "sidf"u8.ToArray()), Field(2, "output"u8.ToArray()), Field(4, "Add"u8.ToArray()));
        var model = File.ReadAllBytes(Model);
        byte[] nodeOutput = [0x12, 0x06, .. "output"u8];
        var rename = model.AsSpan().IndexOf(nodeOutput);
        if (rename < 0 || model.AsSpan(rename + 1).IndexOf(nodeOutput) >= 0)
        {
            throw new InvalidDataException("The stub's graph is not the one this patch was written for.");
        }
        "outpux"u8.CopyTo(model.AsSpan(rename + 2));
        var patched = new List<byte>();
        var at = 0;
        while (at < model.Length)
        {
            var start = at;
            var tag = Varint(model, ref at);
            switch (tag & 7)
            {
                case 0:
                    Varint(model, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = (int)Varint(model, ref at);
                    if (tag >> 3 == 7)
                    {
                        patched.AddRange(Field(7, Concat(model[at..(at + length)], Field(1, cast), Field(1, add), Field(11, input))));
                        at += length;
                        continue;
                    }
                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"wire type {tag & 7} in the stub");
            }
            patched.AddRange(model[start..at]);
        }
        return Write("speakers.onnx", [.. patched]);
    }

    static byte[] Field(int number, byte[] bytes) => Concat(VarintBytes((ulong)(number << 3 | 2)), VarintBytes((ulong)bytes.Length), bytes);

    static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    static byte[] VarintBytes(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            bytes.Add((byte)((value & 0x7F) | (value > 0x7F ? 0x80u : 0)));
            value >>= 7;
        }
        while (value > 0);
        return [.. bytes];
    }

    static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
