import { Component, type ReactNode } from 'react';
import { ErrorMessage } from '../components/ErrorMessage';

interface PageErrorBoundaryProps {
  /** Moving to another address clears the failure, so the header's links still lead somewhere. */
  resetKey: string;
  children: ReactNode;
}

interface PageErrorBoundaryState {
  failure: { error: unknown } | null;
  resetKey: string;
}

/**
 * Shows a page that failed to load or render as a message inside the layout, instead of a
 * blank window. The usual cause is a page's chunk missing after a redeploy (its hashed name
 * changed), which reloading the app mends.
 */
export class PageErrorBoundary extends Component<PageErrorBoundaryProps, PageErrorBoundaryState> {
  override state: PageErrorBoundaryState = { failure: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<PageErrorBoundaryState> {
    return { failure: { error } };
  }

  static getDerivedStateFromProps(
    props: PageErrorBoundaryProps,
    state: PageErrorBoundaryState,
  ): Partial<PageErrorBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { failure: null, resetKey: props.resetKey };
  }

  override render() {
    if (!this.state.failure) return this.props.children;
    return (
      <ErrorMessage
        title="This page could not be loaded."
        error={this.state.failure.error}
        onRetry={() => window.location.reload()}
      />
    );
  }
}
