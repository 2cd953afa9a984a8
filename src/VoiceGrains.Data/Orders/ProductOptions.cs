using System.Text.Json;

namespace VoiceGrains.Data.Orders;

/// <summary>A product's options as stored (a jsonb object, <c>{"finish": "black"}</c>), each value as text.</summary>
public static class ProductOptions
{
    public static Dictionary<string, string> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(o => o.Key, o => o.Value.ToString());
}
