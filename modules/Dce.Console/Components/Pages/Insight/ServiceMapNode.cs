namespace Dce.Console.Components.Pages.Insight;

/// <summary>A service placed on the service map, with the figures of the calls it served.</summary>
public sealed record ServiceMapNode(string Id, string Service, string Place, double X, double Y, double RequestRate, double ErrorRate);
