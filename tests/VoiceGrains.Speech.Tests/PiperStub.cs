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

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
