import { useRouter } from '@tarojs/taro'
import { useDesktopTextSize } from '../../../../components/use-wide'
import { StudioEditScreen } from '../../../../features/studio'
import { CarePage } from '../../../../components/care-page'

export default function StudioEditPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  return (
    <CarePage>
      <StudioEditScreen id={params.id ?? ''} />
    </CarePage>
  )
}
