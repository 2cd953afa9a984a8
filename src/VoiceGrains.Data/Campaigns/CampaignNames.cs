using System.Text.Json;

namespace VoiceGrains.Data.Campaigns;

/// <summary>The one spelling of campaign enums outside .NET (the tables, the REST API, the CLI): snake case.</summary>
public static class CampaignNames
{
    public static string Name<T>(this T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The value a stored or typed name stands for; null for a name no value has.</summary>
    public static T? Parse<T>(string? name) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (T?)v).FirstOrDefault(v => v!.Value.Name() == name);
}
