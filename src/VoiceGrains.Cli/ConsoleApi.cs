using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceGrains.Cli;

/// <summary>
/// The operators' REST API as the command line reaches it: the console's address (<see cref="Address"/>) and an
/// operator's API token from VOICEGRAINS_API_TOKEN, else the one scripts/run.sh wrote for its own console. The token
/// is never an argument: command lines end up in shell histories and process lists.
/// </summary>
static class ConsoleApi
{
    public const string LocalApiTokenFile = ".voicegrains/operator/api-token";

    public static readonly Option<string> Address = new("--console")
    {
        Description = "The operators' console, whose REST API the command uses",
        DefaultValueFactory = _ => "http://127.0.0.1:5090",
    };

    /// <summary>The API token, or null after saying where to get one.</summary>
    public static async Task<string?> TokenAsync(CancellationToken cancellationToken)
    {
        var token = Environment.GetEnvironmentVariable("VOICEGRAINS_API_TOKEN")
            ?? (File.Exists(LocalApiTokenFile) ? (await File.ReadAllTextAsync(LocalApiTokenFile, cancellationToken)).Trim() : null);
        if (string.IsNullOrEmpty(token))
        {
            await Console.Error.WriteLineAsync($"voicegrains: no API token for the console: set VOICEGRAINS_API_TOKEN to one from `voicegrains operators token` (scripts/run.sh writes its own to {LocalApiTokenFile}).");
            return null;
        }
        return token;
    }

    public static bool TryAddress(string? text, out Uri address) =>
        Uri.TryCreate(text, UriKind.Absolute, out address!) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// Runs <paramref name="command"/> with a client signed in to the console's API; a missing token, a bad address or
    /// an unreachable console is one line and exit code 2.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<HttpClient, Task<int>> command, CancellationToken cancellationToken)
    {
        if (!TryAddress(parse.GetValue(Address), out var address))
        {
            await Console.Error.WriteLineAsync("voicegrains: --console takes an absolute http(s) address, e.g. http://127.0.0.1:5090.");
            return 2;
        }
        if (await TokenAsync(cancellationToken) is not { } token)
        {
            return 2;
        }
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            return await command(http);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"voicegrains: cannot reach the console at {address}: {e.Message}");
            return 2;
        }
    }

    /// <summary>GETs <paramref name="path"/> as <typeparamref name="T"/>, or null after printing why the API refused.</summary>
    public static async Task<T?> GetAsync<T>(HttpClient http, string path, JsonSerializerOptions json, CancellationToken cancellationToken) where T : class
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, json, cancellationToken);
    }

    /// <summary>The response's body as <typeparamref name="T"/>, or null after printing why the API refused (its problem's detail).</summary>
    public static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonSerializerOptions json, CancellationToken cancellationToken) where T : class
    {
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadFromJsonAsync<T>(json, cancellationToken);
        }
        await Console.Error.WriteLineAsync($"voicegrains: the console refused ({(int)response.StatusCode}): {await ProblemAsync(response, cancellationToken)}");
        return null;
    }

    static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            foreach (var field in new[] { "detail", "title" })
            {
                if (problem.RootElement.TryGetProperty(field, out var text) && text.ValueKind == JsonValueKind.String)
                {
                    return text.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
        }
        return response.StatusCode switch
        {
            System.Net.HttpStatusCode.Unauthorized => "the API token is unknown or revoked",
            System.Net.HttpStatusCode.Forbidden => "the token's operator is not a supervisor",
            System.Net.HttpStatusCode.NotFound => "not found",
            _ => body.Length > 200 ? body[..200] : body,
        };
    }
}
