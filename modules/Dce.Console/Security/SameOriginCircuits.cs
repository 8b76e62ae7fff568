namespace Dce.Console.Security;

/// <summary>
/// The interactive connection (<c>/_blazor</c>) carries the session cookie; a page of another site must not open one in
/// the user's name, so a connection whose <c>Origin</c> is not this site's is refused.
/// </summary>
public static class SameOriginCircuits
{
    public static IApplicationBuilder UseSameOriginCircuits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/_blazor") && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next(context);
    });
}
