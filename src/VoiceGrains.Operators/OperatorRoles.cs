namespace VoiceGrains.Operators;

/// <summary>
/// What an operator may do; each operator holds one role, and each role may do what the ones before it may: a viewer
/// reads; a supervisor also listens in, takes calls over, exports and places calls; an admin also manages operators
/// and settings.
/// </summary>
public static class OperatorRoles
{
    public const string Viewer = "viewer";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Supervisor, Admin];

    /// <summary>The roles allowed what <paramref name="role"/> is allowed: it and every role above it.</summary>
    public static IReadOnlyList<string> AtLeast(string role)
    {
        var index = IndexOf(role);
        return All.Skip(index).ToList();
    }

    /// <summary>Whether <paramref name="role"/> names a role.</summary>
    public static bool IsRole(string role) => All.Contains(role);

    static int IndexOf(string role)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == role)
            {
                return i;
            }
        }
        throw new ArgumentException($"'{role}' is not a role; the roles are {string.Join(", ", All)}.", nameof(role));
    }
}
