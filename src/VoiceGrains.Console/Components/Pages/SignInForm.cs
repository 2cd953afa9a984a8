using System.ComponentModel.DataAnnotations;

namespace VoiceGrains.Console.Components.Pages;

/// <summary>What the sign-in page posts.</summary>
sealed class SignInForm
{
    [Required, EmailAddress]
    public string Email { get; set; } = "";

    [Required]
    public string Password { get; set; } = "";
}
