using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WelfareFlow.Pages;

/// <summary>Renders a Razor component to a string with <see cref="HtmlRenderer"/>: static server rendering that works
/// in every host (the Server's endpoints and the Functions' HTTP triggers alike), no interactivity, no script.</summary>
public static class ComponentHtml
{
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(new KoreanAsIs(services), services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>Renders a page component whose one parameter is its <c>Model</c>.</summary>
    public static Task<string> PageAsync<TComponent>(IServiceProvider services, object model) where TComponent : IComponent =>
        RenderAsync<TComponent>(services, new Dictionary<string, object?> { ["Model"] = model });

    /// <summary>The renderer's services with an encoder that leaves Korean (and every other letter) as it is rather
    /// than as numeric references: the page's source reads as the page does. Markup characters are still encoded.</summary>
    sealed class KoreanAsIs(IServiceProvider inner) : IServiceProvider
    {
        static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? Encoder : inner.GetService(serviceType);
    }
}
