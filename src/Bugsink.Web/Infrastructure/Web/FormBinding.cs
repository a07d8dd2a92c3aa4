using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Bugsink.Web.Infrastructure.Web;

// Two gaps of MVC's model binding that let a hand-made form post answer 500 (issue 19, item 5).
public static class FormBinding
{
    public static void Configure(Microsoft.AspNetCore.Mvc.MvcOptions options)
    {
        options.ModelBinderProviders.Insert(0, new BooleanBinderProvider());
        options.ModelMetadataDetailsProviders.Add(new NonNullableStringsStayEmpty());
    }

    // A checkbox posted as "maybe": MVC's binder records the error but keeps "maybe" as the raw value,
    // and the checkbox tag helper then throws converting it back to bool while the form is shown again.
    // This binder records the same kind of error and leaves the raw value empty, so the form re-renders
    // with the message.
    private sealed class BooleanBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.UnderlyingOrModelType == typeof(bool) ? new BooleanBinder() : null;
    }

    private sealed class BooleanBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (result == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            var text = result.FirstValue;
            if (string.IsNullOrEmpty(text) && bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else if (bool.TryParse(text, out var value))
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
                bindingContext.Result = ModelBindingResult.Success(value);
            }
            else
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: null, attemptedValue: text);
                bindingContext.ModelState.TryAddModelError(
                    bindingContext.ModelName,
                    string.Create(CultureInfo.InvariantCulture, $"{bindingContext.ModelMetadata.Name ?? bindingContext.ModelName} must be true or false."));
                bindingContext.Result = ModelBindingResult.Failed();
            }

            return Task.CompletedTask;
        }
    }

    // A field posted empty binds as null by default, also into a property declared non-nullable
    // (`string Name`), which the page then dereferences. Those stay "" and meet the page's own check.
    private sealed class NonNullableStringsStayEmpty : IDisplayMetadataProvider
    {
        private readonly NullabilityInfoContext _nullability = new();

        public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
        {
            if (context.Key is { MetadataKind: ModelMetadataKind.Property, ModelType: var type, PropertyInfo: { } property }
                && type == typeof(string))
            {
                lock (_nullability)
                {
                    if (_nullability.Create(property).WriteState == NullabilityState.NotNull)
                    {
                        context.DisplayMetadata.ConvertEmptyStringToNull = false;
                    }
                }
            }
        }
    }
}
