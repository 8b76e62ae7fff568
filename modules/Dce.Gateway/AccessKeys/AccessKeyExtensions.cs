namespace Dce.Gateway.AccessKeys;

/// <summary>Registers and places the access-key exchange, ahead of authentication.</summary>
public static class AccessKeyExtensions
{
    public static WebApplicationBuilder AddAccessKeyExchange(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessKeySettings>().Bind(builder.Configuration.GetSection(AccessKeySettings.Section));
        builder.Services.AddHttpClient(AccessKeyTokens.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<ExchangeLimiter>();
        builder.Services.AddSingleton<AccessKeyTokens>();
        return builder;
    }

    public static IApplicationBuilder UseAccessKeyExchange(this IApplicationBuilder app) => app.UseMiddleware<AccessKeyExchange>();
}
