namespace Dce.Console.Components.Pages.GlobalManagement;

/// <summary>Global Management's API paths and the names its permission checks use.</summary>
public static class Ghippo
{
    public const string Module = "ghippo";
    public const string V1 = "/apis/ghippo.io/v1alpha1";
    public const string Audits = "/apis/ghippo.io/v1alpha3/audits";

    /// <summary>A query string value escaped for a URL; empty stays empty.</summary>
    public static string Escape(string? value) => Uri.EscapeDataString(value ?? "");
}
