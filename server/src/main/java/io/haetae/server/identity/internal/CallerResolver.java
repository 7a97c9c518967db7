package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.CurrentCaller;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controllers declare a {@link Caller} parameter, whether the request came with an API key
 * or a signed-in session. A route that takes a Caller cannot be reached anonymously, nor by a
 * session that has not passed its second factor.
 */
@Configuration
class CallerResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
      WebDataBinderFactory binders) {
    return CurrentCaller.of(SecurityContextHolder.getContext().getAuthentication())
        .orElseThrow(() -> new AuthenticationCredentialsNotFoundException("not signed in"));
  }
}
