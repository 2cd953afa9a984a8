using System.Runtime.CompilerServices;

namespace VoiceGrains.Fuzz.Tests;

static class RegexTimeout
{
    /// <summary>Before any test builds a regular expression: a backtracking pattern fails its input instead of hanging.</summary>
    [ModuleInitializer]
    internal static void Install() => Fuzzing.TimeOutRegularExpressions();
}
